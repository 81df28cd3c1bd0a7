import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { keys, type LeadPages } from '../api/hooks.ts';
import { INBOX_FILTERS, matchesFilters, type LeadFilters } from '../api/filters.ts';
import type { LeadSummaryDto } from '../api/types.ts';
import { applyLead, dropLead } from './cache.ts';


function lead(id: number, over: Partial<LeadSummaryDto> = {}): LeadSummaryDto {
  return {
    id,
    status: 'new',
    flagged: false,
    colour: null,
    service: null,
    message: null,
    source: 'site',
    returningClient: false,
    departmentId: 10,
    siteId: 1,
    ownerId: null,
    ownerName: null,
    client: { id: id * 10, fullName: `Client ${id}`, organization: 'Acme', phone: '+79001234567', email: `c${id}@example.com` },
    createdAt: new Date(Date.UTC(2026, 10, 1, 10, id)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 10, 1, 10, id)).toISOString(),
    assignedAt: null,
    firstContactAt: null,
    statusChangedAt: null,
    amount: null,
    currency: null,
    version: 1,
    can: { assign: true, edit: true, call: true },
    ...over,
  };
}

function withList(qc: QueryClient, f: LeadFilters, items: LeadSummaryDto[], nextCursor: string | null = null) {
  qc.setQueryData<LeadPages>(keys.leads(f), { pages: [{ items, nextCursor }], pageParams: [null] });
}
const ids = (qc: QueryClient, f: LeadFilters) => qc.getQueryData<LeadPages>(keys.leads(f))!.pages.flatMap((p) => p.items.map((l) => l.id));

describe('live updates of cached lists', () => {
  it('a new lead appears at the top of every list it matches, and only there', () => {
    const qc = new QueryClient();
    withList(qc, {}, [lead(2), lead(1)]);
    withList(qc, INBOX_FILTERS, [lead(2)]);
    withList(qc, { status: 'closed' }, []);
    applyLead(qc, lead(3));
    expect(ids(qc, {})).toEqual([3, 2, 1]);
    expect(ids(qc, INBOX_FILTERS)).toEqual([3, 2]);
    expect(ids(qc, { status: 'closed' })).toEqual([]);
  });

  it('a list opened from a report keeps its leads: a live change updates a row in place, never adds or drops one', () => {
    const qc = new QueryClient();
    const report: LeadFilters = { ownerId: '5', assignedFrom: '2026-11-30T00:00:00.000Z', assignedTo: '2026-12-06T23:59:59.999Z' };
    withList(qc, report, [lead(2, { ownerId: 5 }), lead(1, { ownerId: 5 })]);
    applyLead(qc, lead(3, { ownerId: 5 })); // new today: not among last week's leads
    applyLead(qc, lead(2, { ownerId: 6, ownerName: 'Olga', version: 2 })); // handed over since: still counted in the report
    expect(ids(qc, report)).toEqual([2, 1]);
    expect(qc.getQueryData<LeadPages>(keys.leads(report))!.pages[0]!.items[0]!.ownerName).toBe('Olga');
  });

  it('an assigned lead leaves the inbox and is replaced in place elsewhere', () => {
    const qc = new QueryClient();
    withList(qc, {}, [lead(2), lead(1)]);
    withList(qc, INBOX_FILTERS, [lead(2), lead(1)]);
    applyLead(qc, lead(2, { ownerId: 5, ownerName: 'Ivan', version: 2 }));
    expect(ids(qc, INBOX_FILTERS)).toEqual([1]);
    expect(qc.getQueryData<LeadPages>(keys.leads({}))!.pages[0]!.items[0]!.ownerName).toBe('Ivan');
  });

  it('an older event never overwrites a newer lead', () => {
    const qc = new QueryClient();
    withList(qc, {}, [lead(1, { status: 'offer_sent', version: 3 })]);
    applyLead(qc, lead(1, { status: 'new', version: 2 }));
    expect(qc.getQueryData<LeadPages>(keys.leads({}))!.pages[0]!.items[0]!.status).toBe('offer_sent');
  });

  it("a lead reassigned away (lead:hidden) leaves every one of a manager's lists", () => {
    const qc = new QueryClient();
    withList(qc, {}, [lead(2, { ownerId: 2 }), lead(1, { ownerId: 2 })]);
    withList(qc, { status: 'open' }, [lead(1, { ownerId: 2 })]);
    dropLead(qc, 1);
    expect(ids(qc, {})).toEqual([2]);
    expect(ids(qc, { status: 'open' })).toEqual([]);
  });

  it('a lead older than the loaded part of a long list waits for its page', () => {
    const qc = new QueryClient();
    withList(qc, {}, [lead(9), lead(8)], 'cursor');
    applyLead(qc, lead(1));
    expect(ids(qc, {})).toEqual([9, 8]);
  });
});

describe('filters as the server reads them', () => {
  it('matches status groups, owner, colour and search like the API', () => {
    const l = lead(1, { status: 'postponed', colour: 'red', ownerId: 4 });
    expect(matchesFilters(l, { status: 'closed' })).toBe(true);
    expect(matchesFilters(l, { status: 'open' })).toBe(false);
    expect(matchesFilters(l, { ownerId: 'unassigned' })).toBe(false);
    expect(matchesFilters(l, { ownerId: '4', colour: 'red' })).toBe(true);
    expect(matchesFilters(l, { q: 'client acme' })).toBe(true);
    expect(matchesFilters(l, { q: '8 (900) 123-45-67' })).toBe(true);
    expect(matchesFilters(l, { q: 'nobody' })).toBe(false);
  });
});
