/** Reports: managers side by side, the funnel, the activity feed. Durations in seconds, times ISO-8601 UTC. */
import type { ClosingStatus, PipelineStatus } from './leads.js';

/** A median and a 90th percentile in seconds; null when there is no sample (never 0). */
export interface PercentilesDto {
  median: number | null;
  p90: number | null;
}

/** One manager's (or the totals') figures over a period. */
export interface ManagerFiguresDto {
  /** Leads whose first assignment fell in the period and that this manager owns now. */
  leadsAssigned: number;
  /** Arrival → first assignment of those leads. */
  assignSeconds: PercentilesDto;
  /** First assignment → first contact (an outbound call dialled, answered or not; an answered call; a status change or comment by the owner's side) of those leads. */
  firstContactSeconds: PercentilesDto;
  /** Outbound calls placed in the period. */
  callsMade: number;
  /** Inbound calls answered in the period. */
  callsAnswered: number;
  /** Inbound calls nobody answered, on the leads this manager owns. */
  callsMissed: number;
  /** Talk time of the calls of the period (both ways). */
  talkSeconds: number;
  /** Talk time per call that had any talk; null without such calls. */
  avgTalkSeconds: number | null;
  /** Status changes made in the period. */
  statusChanges: number;
  /** Of the leads assigned: those that reached contract_signed or a later step. */
  won: number;
  /** Of the leads assigned: those closed now, by closing reason (every reason present, 0 included). */
  lost: Record<ClosingStatus, number>;
  /** won ÷ leadsAssigned (0…1, four decimals); null when nothing was assigned. */
  conversionRate: number | null;
}

export interface ManagerStatsDto extends ManagerFiguresDto {
  userId: number;
  name: string;
  departmentId: number | null;
  previous: ManagerFiguresDto;
}

export interface PeriodDto {
  from: string;
  to: string;
}

/** GET /api/stats/managers */
/** The figures of one day that add up over days (durations and rates do not). */
export type DayFiguresDto = Pick<ManagerFiguresDto, 'leadsAssigned' | 'callsMade' | 'callsAnswered' | 'callsMissed' | 'talkSeconds' | 'statusChanges' | 'won' | 'lost'>;

/** One local day of the period: the listed managers' figures and their totals. */
export interface DayStatsDto {
  /** `YYYY-MM-DD` in the answer's `timeZone`. */
  date: string;
  managers: (DayFiguresDto & { userId: number })[];
  totals: DayFiguresDto;
}

export interface ManagersStatsDto extends PeriodDto {
  previous: PeriodDto;
  managers: ManagerStatsDto[];
  totals: ManagerFiguresDto & { previous: ManagerFiguresDto };
  /** The IANA zone whose calendar days `days` follows (`?timeZone=`, else UTC). */
  timeZone: string;
  /** Each local day the period touches, in order (a day cut by the period counts only its part inside), for periods up to 92 days; empty for longer ones. */
  days: DayStatsDto[];
}

/** GET /api/stats/funnel */
export interface FunnelDto extends PeriodDto {
  /** The 9 pipeline statuses in order; `reached` counts leads created in the period that ever had it or a later one. */
  steps: { status: PipelineStatus; reached: number; conversionFromPrevious: number | null }[];
  /** Those leads closed now, by closing reason (every reason, in the order of CLOSING_STATUSES). */
  lost: { status: ClosingStatus; count: number }[];
}

export const ACTIVITY_KINDS = ['created', 'assigned', 'status', 'edited', 'comment', 'attachment', 'reminder_set', 'reminder_done', 'called', 'answered'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One line of GET /api/activity. */
export interface ActivityItemDto {
  at: string;
  userId: number;
  kind: ActivityKind;
  leadId: number | null;
  /** The client's name (or organization) of the lead; null when unknown. */
  leadName: string | null;
  /**
   * What it was, as data the web words: created → source; assigned → the new owner's name; status → the new
   * status; edited → the field; comment → its text (first 200 characters); attachment → the file name;
   * reminder_set → due moment (ISO) and text; reminder_done → the reminder's text; called → disposition;
   * answered → the client's number.
   */
  detail: string | null;
}

export interface ActivityDto {
  items: ActivityItemDto[];
  nextCursor: string | null;
}
