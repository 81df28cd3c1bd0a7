import { describe, expect, it } from 'vitest';
import { waitingOf } from './waiting.ts';

const settings = { unassignedMinutes: 10, firstContactMinutes: 30, workingHours: { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' } };

describe('a waiting lead against the deadline', () => {
  it('turns amber at half the deadline and red at the deadline', () => {
    const created = '2026-12-07T07:00:00Z'; // Monday 10:00 in Moscow
    const at = (min: number) => Date.parse(created) + min * 60_000;
    expect(waitingOf(created, settings, at(4)).level).toBe('fresh');
    expect(waitingOf(created, settings, at(5)).level).toBe('soon');
    expect(waitingOf(created, settings, at(10))).toEqual({ workingMs: 600_000, deadlineMs: 600_000, level: 'late' });
  });

  it('counts only working time: a lead of Friday night is fresh on Monday at 09:03', () => {
    const friday = '2026-12-04T19:00:00Z'; // Friday 22:00 in Moscow
    const monday = Date.parse('2026-12-07T06:03:00Z'); // Monday 09:03
    expect(waitingOf(friday, settings, monday)).toMatchObject({ workingMs: 180_000, level: 'fresh' });
  });
});
