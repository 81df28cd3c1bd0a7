import type { LegEndReason } from '../../api-types.js';
import { toDbTime } from '../../db/knex.js';
import { deferred } from '../../lib/async.js';
import { insertLeg, updateLeg } from '../../modules/calls/calls.repo.js';
import { HangupCause } from '../ari/ari-types.js';
import type { CallScope } from './call-scope.js';

/** Where a leg is: created (not dialled yet), ringing, picked up, or gone (destroyed, or given up on). */
export type LegState = 'creating' | 'ringing' | 'up' | 'gone';

/** A `call_legs` row as a session describes it: the routing step (or `agent` / `client` / `voicemail`), what was dialled, whose phone. */
export interface LegRow {
  step: string;
  /** The endpoint dialled (`PJSIP/101`, `PJSIP/+79001234567@trunk`), or `voicemail`; null for a phone that was never known. */
  target: string | null;
  userId: number | null;
}

/**
 * What a leg that never came up tells us, judged by ChannelDestroyed.cause (never by the soft hang-up flag):
 * 19 no answer (dial timeout), 17 busy, 18 no response (SIP timer B, 32 s), 21 declined; anything else, 16
 * included, is `unreachable` (an unreachable phone is destroyed with 16 at once: TELEPHONY.md, ari-errors trace).
 */
export function legResult(cause: number): string {
  switch (cause) {
    case HangupCause.NoAnswer:
      return 'no_answer';
    case HangupCause.UserBusy:
      return 'busy';
    case HangupCause.NoUserResponding:
      return 'no_response';
    case HangupCause.CallRejected:
      return 'declined';
    default:
      return 'unreachable';
  }
}

/**
 * Why a leg that never came up ended, as its user is told (`call:leg_ended`): hung up by us because a colleague
 * answered or the caller left, else by its cause (17 busy / 21 rejected: the phone declined; 19 / 18: it rang out).
 */
export function legEndReason(leg: { hungUpByUs: boolean; cause?: number }, call: { answeredElsewhere: boolean; callerLeft: boolean }): LegEndReason {
  if (leg.hungUpByUs) return call.answeredElsewhere ? 'answered_elsewhere' : call.callerLeft ? 'caller_left' : 'no_answer';
  switch (leg.cause) {
    case HangupCause.UserBusy:
    case HangupCause.CallRejected:
      return 'declined';
    case HangupCause.NoAnswer:
    case HangupCause.NoUserResponding:
      return 'no_answer';
    default:
      return 'unreachable';
  }
}

/** One channel of ours in a call (an agent's phone, a client dialled out), with what the session knows of it (`info`). */
export class Leg<Info> {
  state: LegState = 'creating';
  /** We hung it up (someone else answered, the caller left, the call ended): a leg not up then was `cancelled`. */
  hungUpByUs = false;
  /** When it was picked up (UTC, database format); stays set after it is gone. */
  answeredAt?: string;
  /** ChannelDestroyed's Q.850 cause, once gone. */
  cause?: number;
  /** The last cause a hard ChannelHangupRequest gave it: a leg that ends with StasisEnd only keeps this one. */
  hangupCause?: number;
  /** Its end comes as StasisEnd without ChannelDestroyed (a transfer's Local channel, a picker's phone): StasisEnd closes it. */
  endsUnseen = false;
  /** Resolved by the channel's StasisStart: a created channel may be dialled only after it (409 otherwise). */
  readonly inStasis = deferred<void>();

  constructor(
    readonly channelId: string,
    readonly info: Info,
    /** Its `call_legs.id`, once written; null when the row could not be written. */
    readonly row: Promise<number | null>,
  ) {}

  get live(): boolean {
    return this.state !== 'gone';
  }
}

/**
 * The legs of one call and their `call_legs` rows: a row is written when a leg is opened (once the call row
 * exists), marked answered when it is picked up, and closed with its cause and result when it goes. Inbound
 * calls and click-to-call keep their legs the same way here.
 */
export class Legs<Info> {
  private readonly byChannel = new Map<string, Leg<Info>>();

  constructor(private readonly scope: CallScope) {}

  /** A new channel of ours: its events come to this call, and its row is written. */
  open(channelId: string, row: LegRow, info: Info): Leg<Info> {
    const leg = new Leg(channelId, info, this.insert({ ...row, channelId }));
    this.byChannel.set(channelId, leg);
    this.scope.own(channelId);
    return leg;
  }

  /** A row with no leg behind it: a target skipped at a step (`result: skipped_<why>`), the voicemail step. */
  note(row: LegRow & { channelId?: string | null; result?: string }): void {
    void this.insert({ channelId: null, ...row });
  }

  get(channelId: string): Leg<Info> | undefined {
    return this.byChannel.get(channelId);
  }

  liveChannelIds(): string[] {
    const ids: string[] = [];
    for (const leg of this.byChannel.values()) if (leg.live) ids.push(leg.channelId);
    return ids;
  }

  /** Hangs the leg up ourselves ("already gone" is success: ari-rest.ts). */
  hangUp(leg: Leg<Info>): Promise<void> {
    leg.hungUpByUs = true;
    return this.scope.quietly('hang up leg', this.scope.ctx.rest.hangup(leg.channelId));
  }

  /** Hangs up every leg still there but `except`: Asterisk does not stop the other legs when one side leaves. */
  hangUpAll(except?: Leg<Info>): void {
    for (const leg of this.byChannel.values()) if (leg.live && leg !== except) void this.hangUp(leg);
  }

  /** The leg was picked up (at `at`, UTC database time): it is up, its row says `answered`. */
  answered(leg: Leg<Info>, at: string = toDbTime()): Promise<void> {
    leg.state = 'up';
    leg.answeredAt = at;
    return this.update(leg, { answered_at: at, result: 'answered' });
  }

  /**
   * The leg's channel was destroyed with `cause`: its row gets the end, the cause and, for a leg never picked up,
   * the result (`cancelled` when we hung it up, else `legResult(cause)`).
   */
  gone(leg: Leg<Info>, cause: number): Promise<void> {
    leg.state = 'gone';
    leg.cause = cause;
    const result = leg.answeredAt ? {} : { result: leg.hungUpByUs ? 'cancelled' : legResult(cause) };
    return this.update(leg, { ended_at: toDbTime(), cause, ...result });
  }

  /**
   * Another channel took the leg's place (transfer, pickup): it is over for us now, its row ended with `result`
   * when it was never picked up (`picked_up`: someone else's phone took it), else still `answered`.
   */
  handedOver(leg: Leg<Info>, result: string): Promise<void> {
    leg.state = 'gone';
    return this.update(leg, { ended_at: toDbTime(), ...(leg.answeredAt ? {} : { result }) });
  }

  /** Who the leg turned out to be (a transfer's target, a picker): its row's target and user. */
  async identify(leg: Leg<Info>, target: string | null, userId: number | null): Promise<void> {
    await this.update(leg, { target, user_id: userId });
  }

  /** The leg could not be rung (create, originate or dial refused, or it never reached Stasis): hung up, `failed`. */
  failed(leg: Leg<Info>): void {
    leg.state = 'gone';
    this.scope.disown(leg.channelId);
    void this.hangUp(leg);
    void this.update(leg, { ended_at: toDbTime(), result: 'failed' });
  }

  /** Asterisk lost the channels (crash or restart): nothing more will be heard of any leg. */
  lost(): void {
    for (const leg of this.byChannel.values()) leg.state = 'gone';
  }

  private insert(row: LegRow & { channelId: string | null; result?: string }): Promise<number | null> {
    return this.scope.callId
      .then((callId) => insertLeg(this.scope.ctx.deps.db, { callId, ...row }))
      .catch((err: unknown) => {
        this.scope.log.warn({ err }, 'call leg not recorded');
        return null;
      });
  }

  private async update(leg: Leg<Info>, patch: Parameters<typeof updateLeg>[2]): Promise<void> {
    const id = await leg.row;
    if (id) await this.scope.quietly('call leg update', updateLeg(this.scope.ctx.deps.db, id, patch));
  }
}
