import type { ClosingStatus, PipelineStatus } from '../../api/types.ts';
import type { Days } from './period.ts';

/**
 * Where a click on a report's number goes: the lead list (`/leads?…`), filtered to exactly the leads behind it.
 * Besides the list's own filters (ownerId, departmentId, status, createdFrom/createdTo as local days) it uses the
 * report filters the leads API answers (see `REPORT_FILTER_KEYS` in api/filters.ts):
 *
 * - `assignedFrom`, `assignedTo`: ISO instants (both inclusive: a link ends a millisecond before the period's end),
 *   the lead's first assignment between them;
 * - `reached`: a pipeline status the lead has had, or a later one, at any time;
 * - `activity` (`call_made` | `call_answered` | `call_missed` | `call_talked` | `status`) with `activityFrom`,
 *   `activityTo` (ISO, both inclusive) and `activityBy` (the user who placed/answered the call or changed the status):
 *   leads with such a call or status change in the period. Missed calls have nobody who took them: those are
 *   counted on the leads' owner (`ownerId`).
 */
export interface DrillScope {
  days: Days;
  period: { from: string; to: string };
  departmentId?: number | null;
  /** One manager's figure; absent for the totals row. */
  userId?: number;
}

export type ManagerFigure =
  | 'leadsAssigned'
  | 'assignSeconds'
  | 'firstContactSeconds'
  | 'callsMade'
  | 'callsAnswered'
  | 'callsMissed'
  | 'talkSeconds'
  | 'statusChanges'
  | 'won'
  | 'lost'
  | 'conversionRate';

/** The list's datetime bounds are inclusive, the reports' periods half-open: a link ends a millisecond before `to`. */
const lastMoment = (to: string) => new Date(Date.parse(to) - 1).toISOString();

function link(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  return `/leads?${q.toString()}`;
}

/** The lead list behind one figure of a manager (or of the totals, `userId` absent); `reason` narrows `lost`. */
export function figureLink(figure: ManagerFigure, scope: DrillScope, reason?: ClosingStatus): string {
  const dept = scope.departmentId ?? undefined;
  const assigned = { ownerId: scope.userId, departmentId: dept, assignedFrom: scope.period.from, assignedTo: lastMoment(scope.period.to) };
  const activity = (kind: string, by: 'activityBy' | 'ownerId' = 'activityBy') =>
    link({ activity: kind, [by]: scope.userId, departmentId: dept, activityFrom: scope.period.from, activityTo: lastMoment(scope.period.to) });
  switch (figure) {
    case 'leadsAssigned':
    case 'assignSeconds':
    case 'firstContactSeconds':
    case 'conversionRate':
      return link(assigned);
    case 'won':
      return link({ ...assigned, reached: 'contract_signed' });
    case 'lost':
      return link({ ...assigned, status: reason ?? 'closed' });
    case 'callsMade':
      return activity('call_made');
    case 'callsAnswered':
      return activity('call_answered');
    case 'callsMissed':
      return activity('call_missed', 'ownerId');
    case 'talkSeconds':
      return activity('call_talked');
    case 'statusChanges':
      return activity('status');
  }
}

/** The funnel's leads: created in the period (local days), that reached `status` or later. */
export function reachedLink(status: PipelineStatus, scope: { days: Days; departmentId?: number | null; ownerId?: number | null }): string {
  return link({ reached: status, createdFrom: scope.days.first, createdTo: scope.days.last, departmentId: scope.departmentId, ownerId: scope.ownerId });
}

/** The funnel's lost leads of one closing reason: created in the period, closed with it. */
export function lostLink(reason: ClosingStatus, scope: { days: Days; departmentId?: number | null; ownerId?: number | null }): string {
  return link({ status: reason, createdFrom: scope.days.first, createdTo: scope.days.last, departmentId: scope.departmentId, ownerId: scope.ownerId });
}
