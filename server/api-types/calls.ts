/** Calls: their records, the screen pop and the other call events, the telephony connection. */
import type { LeadSummaryDto, CommentDto } from './leads.js';

export type CallDisposition = 'answered' | 'missed' | 'busy' | 'abandoned' | 'voicemail' | 'failed';

export interface CallDto {
  id: number;
  direction: 'inbound' | 'outbound';
  clientNumber: string | null;
  departmentId: number | null;
  leadId: number | null;
  clientId: number | null;
  userId: number | null; // who talked (answered, or placed the click-to-call)
  userName: string | null;
  status: 'ringing' | 'up' | 'ended';
  disposition: CallDisposition | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
  /** Authorized, Range-capable stream URL; null when there is no usable recording. */
  recordingUrl: string | null;
}


/** The screen pop: sent to the users whose phones ring for this call. */
export interface CallPopEvent {
  callId: number;
  callerNumber: string;
  departmentId: number | null;
  departmentName: string | null;
  lead: LeadSummaryDto | null;
  lastComment: CommentDto | null;
  lastCall: CallDto | null;
  ringingUserIds: number[];
  /** Set when Leadline rings the manager to call a new web lead back (instant callback): the pop says so. */
  callback?: CallbackPopDto | null;
}

/** An instant callback's pop: "Callback: Anna Petrova, wants a quote for …" (worded by the web in the reader's language). */
export interface CallbackPopDto {
  /** 1 for the first ring of the lead, then 2, 3 … (another manager, or a retry after a busy client). */
  attempt: number;
  clientName: string | null;
  service: string | null;
}
export interface CallAnsweredEvent {
  callId: number;
  answeredByUserId: number;
  answeredByName: string;
}
export interface CallEndedEvent {
  callId: number;
  disposition: CallDisposition;
}
/**
 * Why one user's own leg of a call ended while the call may go on: they declined, it rang out, a colleague
 * answered, the caller left, it could not ring, or they transferred the caller away.
 */
export type LegEndReason = 'declined' | 'no_answer' | 'answered_elsewhere' | 'caller_left' | 'unreachable' | 'transferred';
/** To the user whose leg ended: their screen stops saying "Incoming call" (or "on a call") for this call. */
export interface CallLegEndedEvent {
  callId: number;
  reason: LegEndReason;
}
/** Why telephony is not connected, for people (the web app words it); `detail` is the technical diagnostic. */
export type TelephonyReason = 'not_configured' | 'auth_failed' | 'unreachable' | 'socket_closed' | 'stopped';

export interface TelephonyStateEvent {
  mode: 'off' | 'ari' | 'simulator';
  state: 'off' | 'connecting' | 'connected' | 'disconnected';
  reason?: TelephonyReason;
  /** In English, for whoever fixes it (the ARI address, the socket's close code). */
  detail?: string;
}

/** GET /api/calls/live: a call going on now, as a curator watches their department. */
export interface LiveCallDto {
  callId: number;
  direction: 'inbound' | 'outbound';
  /** talking: someone took it; ringing: phones ring (`ringingNames`); waiting: nobody's phone rings (between steps, voicemail). */
  state: 'talking' | 'ringing' | 'waiting';
  clientNumber: string | null;
  /** The client's name or organization when the call belongs to a lead the viewer may see. */
  clientName: string | null;
  leadId: number | null;
  departmentId: number | null;
  /** Who talks (state talking; the caller of a click-to-call). */
  agentName: string | null;
  ringingNames: string[];
  startedAt: string;
  answeredAt: string | null;
}
