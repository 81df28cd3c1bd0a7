import type { SpeedToLeadSettings } from '../../api/types.ts';
import { workingMsBetween } from '../../../../server/lib/working-time.ts';

/** How a waiting lead stands against its department's speed-to-lead deadline for assignment. */
export type WaitLevel = 'fresh' | 'soon' | 'late';

export interface Waiting {
  /** Working time since the lead arrived, in ms (the department's hours: a lead of Friday night waits from Monday 09:00). */
  workingMs: number;
  /** The department's deadline for assignment, in ms of working time. */
  deadlineMs: number;
  level: WaitLevel;
}

/** Past half the deadline a lead is "soon" (amber), at the deadline "late" (red) — the same clock the alarms use. */
export function waitingOf(createdAt: string, settings: SpeedToLeadSettings, now: number): Waiting {
  const workingMs = workingMsBetween(settings.workingHours, new Date(createdAt), new Date(now));
  const deadlineMs = settings.unassignedMinutes * 60_000;
  const level: WaitLevel = workingMs >= deadlineMs ? 'late' : workingMs >= deadlineMs / 2 ? 'soon' : 'fresh';
  return { workingMs, deadlineMs, level };
}
