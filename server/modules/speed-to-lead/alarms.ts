import type { SpeedToLeadSettings } from '../../api-types.js';
import { workingMsBetween } from '../../lib/working-time.js';

/**
 * The guard's alarms, in the order they come: an unassigned lead alerts the curators again after N working minutes
 * and the director after 2N; an assigned lead with no first contact reminds its owner after M and alerts the curators
 * after 2M. Each fires once per lead (a claim row per lead and kind).
 */
export const ALARM_KINDS = ['unassigned', 'unassigned_director', 'no_contact', 'no_contact_curator'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** What the guard needs to know of a lead still waiting (times as instants). */
export interface WaitingLead {
  ownerId: number | null;
  createdAt: Date;
  assignedAt: Date | null;
}

/** The alarm kinds whose threshold this lead has passed by `now`, in working time; the lead's wait in minutes. */
export function dueAlarms(lead: WaitingLead, s: SpeedToLeadSettings, now: Date): { kinds: AlarmKind[]; waitedMinutes: number } {
  const unassigned = lead.ownerId === null;
  const since = unassigned ? lead.createdAt : (lead.assignedAt ?? lead.createdAt);
  const waitedMs = workingMsBetween(s.workingHours, since, now);
  const step = (unassigned ? s.unassignedMinutes : s.firstContactMinutes) * 60_000;
  const [first, second]: AlarmKind[] = unassigned ? ['unassigned', 'unassigned_director'] : ['no_contact', 'no_contact_curator'];
  const kinds: AlarmKind[] = [];
  if (waitedMs >= step) kinds.push(first!);
  if (waitedMs >= 2 * step) kinds.push(second!);
  return { kinds, waitedMinutes: Math.floor(waitedMs / 60_000) };
}
