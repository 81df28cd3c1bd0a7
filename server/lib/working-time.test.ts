import { describe, expect, it } from 'vitest';
import { addWorkingTime, isClockTime, isTimeZone, isWorkingTime, workingMsBetween, type WorkingHours } from './working-time.js';

const MIN = 60_000;
const moscow: WorkingHours = { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
const at = (iso: string) => new Date(iso);
const minutes = (h: WorkingHours, a: string, b: string) => workingMsBetween(h, at(a), at(b)) / MIN;

describe('working time', () => {
  it('counts only the minutes inside the working hours, in the department’s time zone', () => {
    // Monday 2026-12-07; Moscow is UTC+3 all year: 09:00–18:00 local = 06:00–15:00 UTC.
    expect(minutes(moscow, '2026-12-07T06:00:00Z', '2026-12-07T06:05:00Z')).toBe(5);
    expect(minutes(moscow, '2026-12-07T05:50:00Z', '2026-12-07T06:05:00Z')).toBe(5); // 08:50 local: the clock starts at 09:00
    expect(minutes(moscow, '2026-12-07T14:55:00Z', '2026-12-08T06:10:00Z')).toBe(15); // 5 before close + 10 next morning
    expect(minutes(moscow, '2026-12-07T16:00:00Z', '2026-12-07T22:00:00Z')).toBe(0); // the evening
    expect(minutes(moscow, '2026-12-07T06:05:00Z', '2026-12-07T06:00:00Z')).toBe(0); // end before start
  });

  it('skips the weekend: Friday evening to Monday morning is a few minutes', () => {
    // Friday 2026-12-11 17:58 local → Monday 2026-12-14 09:03 local.
    expect(minutes(moscow, '2026-12-11T14:58:00Z', '2026-12-14T06:03:00Z')).toBe(5);
    expect(isWorkingTime(moscow, at('2026-12-12T09:00:00Z'))).toBe(false); // Saturday noon
    expect(minutes(moscow, '2026-12-07T06:00:00Z', '2026-12-14T06:00:00Z')).toBe(5 * 9 * 60); // a whole week
  });

  it('knows the edges of the working day', () => {
    expect(isWorkingTime(moscow, at('2026-12-07T06:00:00Z'))).toBe(true); // 09:00 sharp
    expect(isWorkingTime(moscow, at('2026-12-07T05:59:59Z'))).toBe(false);
    expect(isWorkingTime(moscow, at('2026-12-07T14:59:59Z'))).toBe(true);
    expect(isWorkingTime(moscow, at('2026-12-07T15:00:00Z'))).toBe(false); // 18:00: closed
  });

  it('uses each zone’s own offset: the same UTC moment is working time in Moscow and night in Vladivostok', () => {
    const vladivostok: WorkingHours = { ...moscow, timeZone: 'Asia/Vladivostok' }; // UTC+10
    expect(isWorkingTime(moscow, at('2026-12-07T12:00:00Z'))).toBe(true);
    expect(isWorkingTime(vladivostok, at('2026-12-07T12:00:00Z'))).toBe(false); // 22:00 there
    expect(isWorkingTime(vladivostok, at('2026-12-07T00:00:00Z'))).toBe(true); // 10:00 there
  });

  it('follows daylight-saving changes: a Berlin working day is 8 hours on both sides of the clock change', () => {
    const berlin: WorkingHours = { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '17:00' };
    // Spring forward on Sunday 2026-03-29: 09:00 is 08:00 UTC on Saturday, 07:00 UTC on Sunday.
    expect(isWorkingTime(berlin, at('2026-03-28T08:00:00Z'))).toBe(true);
    expect(isWorkingTime(berlin, at('2026-03-29T07:00:00Z'))).toBe(true);
    expect(isWorkingTime(berlin, at('2026-03-29T06:59:00Z'))).toBe(false);
    expect(minutes(berlin, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(16 * 60);
    // Fall back on 2026-10-25.
    expect(minutes(berlin, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(16 * 60);
    expect(isWorkingTime(berlin, at('2026-10-25T08:00:00Z'))).toBe(true); // 09:00 CET
    expect(isWorkingTime(berlin, at('2026-10-25T07:59:00Z'))).toBe(false);
  });

  it('keeps a working window that starts in the hour a clock change skips', () => {
    const night: WorkingHours = { timeZone: 'Europe/Berlin', days: [7], from: '02:30', to: '04:00' };
    // 02:30 does not exist on 2026-03-29: like Temporal's 'compatible', it moves forward by the gap, to 03:30 CEST.
    expect(minutes(night, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(30);
    expect(minutes(night, '2026-03-22T00:00:00Z', '2026-03-23T00:00:00Z')).toBe(90); // a plain Sunday
  });

  it('counts night shifts that end the next day, and a whole-day window', () => {
    const nights: WorkingHours = { timeZone: 'UTC', days: [1], from: '22:00', to: '06:00' };
    expect(minutes(nights, '2026-12-07T00:00:00Z', '2026-12-09T00:00:00Z')).toBe(8 * 60); // Mon 22:00 → Tue 06:00
    expect(isWorkingTime(nights, at('2026-12-08T03:00:00Z'))).toBe(true); // Tuesday 03:00 belongs to Monday's shift
    const allDay: WorkingHours = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' };
    expect(minutes(allDay, '2026-12-07T10:00:00Z', '2026-12-07T10:07:30Z')).toBe(7.5);
  });

  it('finds when a stretch of working time ends', () => {
    // 10 working minutes from Friday 17:55 Moscow: 5 on Friday, 5 on Monday → Monday 09:05 local.
    expect(addWorkingTime(moscow, at('2026-12-11T14:55:00Z'), 10 * MIN)?.toISOString()).toBe('2026-12-14T06:05:00.000Z');
    expect(addWorkingTime(moscow, at('2026-12-12T10:00:00Z'), 0)?.toISOString()).toBe('2026-12-14T06:00:00.000Z'); // the next opening
    expect(addWorkingTime(moscow, at('2026-12-07T07:00:00Z'), 15 * MIN)?.toISOString()).toBe('2026-12-07T07:15:00.000Z');
    expect(addWorkingTime({ ...moscow, days: [] }, at('2026-12-07T07:00:00Z'), MIN)).toBeNull();
  });

  it('agrees with itself: the working time up to addWorkingTime(start, x) is x', () => {
    const berlin: WorkingHours = { timeZone: 'Europe/Berlin', days: [2, 4, 6], from: '08:15', to: '12:45' };
    let start = Date.UTC(2026, 2, 20, 5, 7);
    for (let i = 0; i < 40; i++) {
      const ms = ((i * 37) % 900) * MIN;
      const end = addWorkingTime(berlin, new Date(start), ms)!;
      expect(workingMsBetween(berlin, new Date(start), end)).toBe(ms);
      start += 13 * 3_600_000 + 17 * MIN;
    }
  });

  it('validates its settings’ parts', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isClockTime('09:00')).toBe(true);
    expect(isClockTime('9:00')).toBe(false);
    expect(isClockTime('24:00')).toBe(false);
    expect(isClockTime('24:00', true)).toBe(true);
    expect(isClockTime('23:60')).toBe(false);
  });
});
