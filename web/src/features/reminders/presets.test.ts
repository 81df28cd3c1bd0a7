import { describe, expect, it } from 'vitest';
import { agendaOf, nextMondayAtTen, tomorrowAtTen } from './presets.ts';

// The suite runs in the machine's zone; local constructors keep these true in any zone.
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('reschedule presets and the to-do lists', () => {
  it('moves to tomorrow 10:00 and the coming Monday 10:00 in local time', () => {
    const wednesdayEvening = at(2026, 12, 9, 19, 30);
    expect(tomorrowAtTen(wednesdayEvening).getTime()).toBe(at(2026, 12, 10, 10));
    expect(nextMondayAtTen(wednesdayEvening).getTime()).toBe(at(2026, 12, 14, 10));
    expect(nextMondayAtTen(at(2026, 12, 7, 8)).getTime()).toBe(at(2026, 12, 14, 10));
  });

  it('sorts a reminder into overdue, today or upcoming by the local day', () => {
    const now = at(2026, 12, 9, 15);
    expect(agendaOf(at(2026, 12, 9, 14), now)).toBe('overdue');
    expect(agendaOf(at(2026, 12, 9, 23, 59), now)).toBe('today');
    expect(agendaOf(at(2026, 12, 10, 0, 0), now)).toBe('upcoming');
  });
});
