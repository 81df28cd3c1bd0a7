import { describe, expect, it } from 'vitest';
import { filtersFromSearch } from '../../api/filters.ts';
import { figureLink, lostLink, reachedLink } from './drill.ts';

const scope = { days: { first: '2026-11-30', last: '2026-12-06' }, period: { from: '2026-11-29T21:00:00.000Z', to: '2026-12-06T21:00:00.000Z' }, departmentId: 3 };
const query = (href: string) => Object.fromEntries(new URLSearchParams(href.slice(href.indexOf('?'))));

describe('a report number opens the leads behind it', () => {
  it('a manager’s assigned leads: their leads first assigned in the period', () => {
    expect(figureLink('leadsAssigned', { ...scope, userId: 7 })).toBe(
      '/leads?ownerId=7&departmentId=3&assignedFrom=2026-11-29T21%3A00%3A00.000Z&assignedTo=2026-12-06T20%3A59%3A59.999Z',
    );
    expect(query(figureLink('firstContactSeconds', { ...scope, userId: 7 }))).toEqual(query(figureLink('leadsAssigned', { ...scope, userId: 7 })));
  });

  it('won and lost narrow the assigned leads; a closing reason narrows lost', () => {
    expect(query(figureLink('won', { ...scope, userId: 7 }))).toMatchObject({ ownerId: '7', reached: 'contract_signed' });
    expect(query(figureLink('lost', { ...scope, userId: 7 }))).toMatchObject({ status: 'closed' });
    expect(query(figureLink('lost', { ...scope, userId: 7 }, 'postponed'))).toMatchObject({ status: 'postponed' });
  });

  it('calls and status changes: by who made them; missed calls: on the owner’s leads; totals: the whole department', () => {
    expect(query(figureLink('callsMade', { ...scope, userId: 7 }))).toEqual({
      activity: 'call_made',
      activityBy: '7',
      departmentId: '3',
      activityFrom: scope.period.from,
      activityTo: '2026-12-06T20:59:59.999Z',
    });
    expect(query(figureLink('callsMissed', { ...scope, userId: 7 }))).toMatchObject({ activity: 'call_missed', ownerId: '7' });
    expect(query(figureLink('statusChanges', scope))).toEqual({ activity: 'status', departmentId: '3', activityFrom: scope.period.from, activityTo: '2026-12-06T20:59:59.999Z' });
  });

  it('the funnel: leads created in the period (the list’s own day filters) that reached a step, or were lost', () => {
    expect(query(reachedLink('interested', { days: scope.days, ownerId: 7 }))).toEqual({ reached: 'interested', createdFrom: '2026-11-30', createdTo: '2026-12-06', ownerId: '7' });
    const lost = lostLink('refused_price_competitor', { days: scope.days, departmentId: 3 });
    // The lead list reads it back with its own filters.
    expect(filtersFromSearch(new URLSearchParams(lost.slice(lost.indexOf('?'))))).toEqual({ status: 'refused_price_competitor', departmentId: '3', createdFrom: '2026-11-30', createdTo: '2026-12-06' });
  });
});
