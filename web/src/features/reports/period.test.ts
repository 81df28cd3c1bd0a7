import { describe, expect, it } from 'vitest';
import { daysIn, periodOfDays, presetDays } from './period.ts';

// A Wednesday afternoon, local time.
const now = new Date(2026, 11, 9, 15, 30);

describe('report periods', () => {
  it('presets cover whole local days; weeks start on Monday', () => {
    expect(presetDays('today', now)).toEqual({ first: '2026-12-09', last: '2026-12-09' });
    expect(presetDays('yesterday', now)).toEqual({ first: '2026-12-08', last: '2026-12-08' });
    expect(presetDays('thisWeek', now)).toEqual({ first: '2026-12-07', last: '2026-12-13' });
    expect(presetDays('lastWeek', now)).toEqual({ first: '2026-11-30', last: '2026-12-06' });
    expect(presetDays('thisMonth', now)).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(presetDays('lastMonth', now)).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(presetDays('lastWeek', new Date(2026, 11, 13, 23, 59))).toEqual({ first: '2026-11-30', last: '2026-12-06' }); // on a Sunday
    expect(presetDays('lastMonth', new Date(2027, 0, 15))).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });

  it('a custom period is taken as given when it makes sense', () => {
    expect(presetDays('custom', now, { first: '2026-10-01', last: '2026-10-15' })).toEqual({ first: '2026-10-01', last: '2026-10-15' });
    expect(presetDays('custom', now, { first: '2026-10-15', last: '2026-10-01' })).toEqual(presetDays('thisWeek', now));
    expect(presetDays('custom', now, { first: 'soon' })).toEqual(presetDays('thisWeek', now));
  });

  it('the API gets half-open instants from the first day’s midnight to the midnight after the last', () => {
    const p = periodOfDays({ first: '2026-11-30', last: '2026-12-06' });
    expect(p.from).toBe(new Date(2026, 10, 30).toISOString());
    expect(p.to).toBe(new Date(2026, 11, 7).toISOString());
    expect(daysIn({ first: '2026-11-29', last: '2026-12-02' })).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });
});
