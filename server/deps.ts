import type { Config } from './config.js';
import type { Db, Queryable } from './db/knex.js';
import type { Logger } from './logger.js';
import type { Presence, TelephonyStateEvent } from './api-types.js';
import type { Realtime } from './realtime/realtime.js';

/** Everything a route or use case may need, built once in server.ts (or by a test) and passed down. */
export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
  realtime: Realtime;
  presence: PresenceTracker;
  telephony: TelephonyService;
}

/**
 * Who is online, on a call, and what presence they chose, kept in memory (modules/presence/presence.service.ts
 * is the one implementation): what use cases and call routing ask of it.
 */
export interface PresenceTracker {
  /** What colleagues see: the chosen presence, or `offline` when no tab has been open for the grace period. */
  effectiveOf(userId: number, chosen: string): Presence;
  isOnline(userId: number): boolean;
  /** Of these users, those with a tab open on any instance on this database (presence_online); one query of `db` at most. */
  onlineAnywhere(db: Queryable, userIds: number[]): Promise<Set<number>>;
  isOnCall(userId: number): boolean;
  /** Telephony marks agents busy for the length of a call; colleagues see it live. */
  setOnCall(userId: number, onCall: boolean): void;
  /** Sends the user's presence (`presence:changed`) to whoever may see it. */
  announce(userId: number): Promise<void>;
}

/** What the rest of Leadline needs from telephony; the ARI bridge, the simulator and "off" all provide it. */
export type TelephonyStatus = TelephonyStateEvent;

/**
 * A click-to-call the calls module has written down (the call row exists) and asks telephony to place: ring the
 * manager's phone first, then the client through the trunk (TELEPHONY.md "Call control", click-to-call).
 */
export interface ClickToCallOrder {
  /** The call row (`calls.id`), direction `outbound`. */
  callId: number;
  /** The id to give the manager's channel: the call row's `channel_id` and `linkedid` already say it. */
  agentChannelId: string;
  /** The manager's desk phone, a SIP endpoint (`PJSIP/101`). */
  endpoint: string;
  /** The client's number in E.164, dialled through the trunk once the manager picks up. */
  clientPhone: string;
  /** The caller ID the client sees (the department's number, digits only), or null for the trunk's own. */
  callerId: string | null;
  /** Shown on the manager's phone while it rings ("Client" when null). */
  clientName: string | null;
  /** The lead the call is about: its first contact and history are written when the client picks up. */
  leadId: number;
  /** The manager placing the call (marked on a call while it lasts). */
  userId: number;
  /**
   * Told once, when the call is over, how far it got (an instant callback decides its next attempt from it). Judged by
   * `ChannelDestroyed.cause` (TELEPHONY.md): the manager's leg gone before answering with 17 → `manager_declined`, else
   * `manager_no_answer`; the client's leg gone before answering with 17 → `client_busy`, else `client_no_answer`; the
   * client answered → `talked`; Asterisk refused or went away → `failed`.
   */
  onEnded?: (outcome: ClickToCallOutcome) => void;
}

export type ClickToCallOutcome = 'manager_declined' | 'manager_no_answer' | 'client_busy' | 'client_no_answer' | 'talked' | 'failed';

/** The simulated PBX's buttons (TELEPHONY=simulator only): place a call, act as a phone or as the caller. */
export interface SimulatorControls {
  placeInbound(from: string, to: string): string;
  /** The user's own phone (their endpoint): the leg that rings (answer/decline) or is up (hangup). */
  phone(endpoint: string, action: 'answer' | 'decline' | 'hangup'): boolean;
  callerHangup(channelId: string): boolean;
}

export interface TelephonyService {
  status(): TelephonyStatus;
  start(): Promise<void>;
  /**
   * Throws TelephonyUnavailableError (503) unless a call can be placed right now: checked before anything is
   * written for a call.
   */
  assertCanPlaceCalls(): void;
  /**
   * Places a click-to-call: resolves once the manager's phone is being rung (the rest follows by itself: see
   * sessions/click-to-call.ts). Rejects when Asterisk refuses the manager's leg (e.g. 500 "Allocation failed"
   * for an unknown endpoint); the call row is then closed as `failed`.
   */
  clickToCall(order: ClickToCallOrder): Promise<void>;
  /** Streams a stored recording from the PBX (null when it has none). */
  recordingFile(name: string): Promise<Response | null>;
  /**
   * Hangs up one leg of a call (a channel of ours: `DELETE /channels/{id}`, "already gone" is success); the call's
   * session sees the channel go and ends or moves on as if the phone had hung up. Throws TelephonyUnavailableError
   * (503) while Asterisk is not connected, TelephonyOffError without telephony.
   */
  hangUpLeg(channelId: string): Promise<void>;
  simulator?: SimulatorControls;
  stop(): Promise<void>;
}

