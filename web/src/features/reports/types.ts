/**
 * The reports API as the web reads it (GET /api/stats/managers, /api/stats/funnel, /api/activity): durations in
 * seconds, times ISO-8601 UTC, periods half-open [from, to). A median or p90 with no samples is null, never 0.
 */
import type { ClosingStatus, PipelineStatus } from '../../api/types.ts';

export interface Percentiles {
  median: number | null;
  p90: number | null;
}

export interface ManagerFigures {
  leadsAssigned: number;
  assignSeconds: Percentiles;
  firstContactSeconds: Percentiles;
  callsMade: number;
  callsAnswered: number;
  callsMissed: number;
  talkSeconds: number;
  /** Not in every answer: computed from talkSeconds ÷ answered calls when missing. */
  avgTalkSeconds?: number | null;
  statusChanges: number;
  won: number;
  lost: Partial<Record<ClosingStatus, number>>;
  conversionRate: number | null;
}

export interface ManagerRow extends ManagerFigures {
  userId: number;
  name: string;
  departmentId: number | null;
  previous: ManagerFigures;
}

export interface Period {
  from: string;
  to: string;
}

export interface ManagersReport extends Period {
  previous: Period;
  managers: ManagerRow[];
  totals: ManagerFigures & { previous?: ManagerFigures };
}

export interface FunnelReport {
  steps: { status: PipelineStatus; reached: number; conversionFromPrevious: number | null }[];
  lost: { status: ClosingStatus; count: number }[];
}

export const ACTIVITY_KINDS = ['created', 'assigned', 'status', 'edited', 'comment', 'attachment', 'reminder_set', 'reminder_done', 'called', 'answered'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface ActivityItem {
  at: string;
  userId: number;
  kind: ActivityKind | string;
  leadId: number | null;
  leadName: string | null;
  detail: string | null;
}

export interface ActivityPage {
  items: ActivityItem[];
  nextCursor: string | null;
}
