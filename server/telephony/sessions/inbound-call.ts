import type { CallDisposition, LegEndReason } from '../../api-types.js';
import { deferred } from '../../lib/async.js';
import { closeCall } from '../../modules/calls/calls.repo.js';
import { AriEventType, ChannelState, HangupCause, type AriChannel, type AriEvent, type RecordingEvent } from '../ari/ari-types.js';
import type { TelephonyContext } from '../context.js';
import type { CallSession } from '../dispatcher.js';
import { CallerNumber } from '../routing/caller-lookup.js';
import type { RingTarget } from '../routing/routing-plan.js';
import { BridgedCall } from './bridged-call.js';
import { CallRecording } from './call-recording.js';
import { CallScope } from './call-scope.js';
import { Handover } from './handover.js';
import { InboundAnswer } from './inbound-answer.js';
import { InboundCallRow } from './inbound-call-row.js';
import { legEndReason, Legs, type Leg } from './legs.js';
import { InboundRouting } from './inbound-routing.js';
import type { RoutingChain } from './routing-chain.js';
import { ScreenPop } from './screen-pop.js';
import { Voicemail } from './voicemail.js';

/**
 * One inbound call, from the caller's StasisStart to its last channel: finds the department of the DNIS and
 * the caller, rings the routing chain step by step (routing-chain.ts), pops the card on the screens of whoever's
 * phone rings, bridges and records the answered call, takes a voice message at the voicemail step, and leaves
 * a task behind when nobody took the call.
 *
 * Only the department lookup (cached), the caller lookup and, at a ring group step, the group's members stand
 * between StasisStart and the first agent dial, all within one routing deadline (config ROUTING_DEADLINE_MS)
 * counted from StasisStart: past it, what was last known of the department and its group is used, else the
 * dialplan's fallback takes the call. The call row, the card, ringback and the bridge come after the dial.
 */
export class InboundCallSession implements CallSession {
  private readonly startedAt = new Date();
  private readonly callId = deferred<number>();
  private readonly scope: CallScope;
  private readonly caller: CallerNumber;
  private readonly routing: InboundRouting;
  private readonly legs: Legs<RingTarget>;
  private readonly recording: CallRecording;
  private readonly bridge: BridgedCall;
  private readonly pop: ScreenPop;
  private readonly handover: Handover;
  private row?: InboundCallRow;
  private chain?: RoutingChain;
  private voicemail?: Voicemail;
  private readonly answer: InboundAnswer;
  private ended = false;
  private callerGone = false;

  constructor(
    ctx: TelephonyContext,
    /** The caller's channel, as its StasisStart showed it. */
    private readonly channel: AriChannel,
    /** The dialled number, as the trunk sent it. */
    private readonly dnis: string,
    /** The call's row when an earlier Leadline process wrote it (a waiting caller routed again after a restart). */
    private readonly existingCallId: number | null = null,
  ) {
    this.scope = new CallScope(ctx, this, this.callId.promise, { call: channel.id });
    this.caller = new CallerNumber(channel.caller?.number ?? '', ctx.deps.config.defaultCountry);
    this.routing = new InboundRouting(this.scope, channel, dnis, this.startedAt);
    this.legs = new Legs(this.scope);
    this.recording = new CallRecording(this.scope);
    this.bridge = new BridgedCall(this.scope, `call-${channel.id}`);
    this.pop = new ScreenPop(this.scope);
    this.answer = new InboundAnswer(this.scope, this.legs, this.bridge, this.recording, this.pop, channel.id, () => this.row);
    this.handover = new Handover(this.scope, this.legs, this.pop, {
      wanted: () => !this.ended && !this.callerGone,
      current: () => this.answer.leg,
      row: () => this.row,
      pickedUp: (from, leg) => {
        this.tellLegEnded(from, 'answered_elsewhere');
        this.onLegUp(leg);
      },
      transferred: (from, to) => {
        this.answer.leg = to;
        this.tellLegEnded(from, 'transferred');
      },
    });
  }

  liveChannelIds(): string[] {
    const ids = this.legs.liveChannelIds();
    return this.callerGone ? ids : [this.channel.id, ...ids];
  }

  /**
   * Routes the call: department of the DNIS (none: back to the dialplan's fallback), caller lookup, plan, then
   * the first step of the routing chain. Never rejects for a routing failure: the call then goes to the
   * dialplan's fallback and ends `failed`.
   */
  async start(): Promise<void> {
    const { ctx } = this.scope;
    this.scope.own(this.channel.id);
    const route = await this.routing.route(this.caller);
    if (!route) return this.handBackToDialplan();

    const { plan, result } = route;
    this.row = new InboundCallRow(this.scope, this.callId, this.channel, this.dnis, this.caller, plan, this.startedAt, this.existingCallId);
    this.chain = this.routing.chain(this.legs, plan, {
      wanted: () => !this.ended && !this.answer.leg && !this.callerGone,
      dialled: () => this.storeCall(),
    });
    try {
      await this.nextStep();
    } catch (err) {
      // Never nowhere: whatever broke, the dialplan's fallback rings the department.
      this.scope.log.error({ err }, 'routing failed: handing the call to the dialplan fallback');
      this.storeCall();
      this.callerGone = true; // its StasisEnd after /continue is the dialplan's turn, not a hang-up
      await this.scope.quietly('continue', this.routing.continueInFallback());
      await this.finish('failed');
      return;
    }
    this.storeCall();
    this.scope.log.info({ note: plan.note }, 'inbound call routed');
    // Ringback and the bridge come right after the first dial: nothing may delay the phones ringing.
    if (!this.callerGone && !this.voicemail) void this.scope.quietly('ring', ctx.rest.ring(this.channel.id));
    if (!this.ended) void this.bridge.make();
    this.row.settle(result);
  }

  /** The call row (after the first dial: see InboundCallRow) and, with it, the screen pop's card. */
  private storeCall(): void {
    const card = this.row?.store();
    if (card) this.pop.prepare(card);
  }

  /** No department for this number (or no database): let the dialplan's fallback ring the group. */
  private async handBackToDialplan(): Promise<void> {
    this.ended = true;
    this.scope.log.warn({ dnis: this.dnis }, 'no department for the dialled number: handing the call back to the dialplan fallback');
    await this.scope.quietly('continue', this.routing.continueInFallback());
    this.scope.release();
  }

  private async nextStep(): Promise<void> {
    const progress = await this.chain?.next();
    if (progress === 'voicemail') return this.startVoicemail();
    if (progress === 'busy' || progress === 'missed') return this.finish(progress);
  }

  // ------------------------------------------------------------------ events

  handle(e: AriEvent): void {
    switch (e.type) {
      case AriEventType.StasisStart:
        if (e.replace_channel && !this.legs.get(e.channel.id)) return this.handover.onStasisStart(e);
        this.legs.get(e.channel.id)?.inStasis.resolve();
        return;
      case AriEventType.ChannelStateChange: {
        const leg = this.legs.get(e.channel.id);
        if (!leg) return;
        if (this.handover.handles(leg.channelId)) {
          if (e.channel.state === ChannelState.Up) this.handover.onUp(leg);
          return;
        }
        if (e.channel.state === ChannelState.Ringing) void this.onLegRinging(leg);
        if (e.channel.state === ChannelState.Up) this.onLegUp(leg);
        return;
      }
      case AriEventType.ChannelHangupRequest: {
        this.scope.noteHangupRequest(e);
        const leg = this.legs.get(e.channel.id);
        if (leg && !e.soft && e.cause) leg.hangupCause = e.cause;
        return;
      }
      case AriEventType.StasisEnd:
        return this.onStasisEnd(e.channel.id);
      case AriEventType.BridgeBlindTransfer:
        return this.handover.blind(e);
      case AriEventType.BridgeAttendedTransfer:
        return this.handover.attended(e);
      case AriEventType.ChannelDestroyed: {
        this.scope.disown(e.channel.id);
        const leg = this.legs.get(e.channel.id);
        if (e.channel.id === this.channel.id) void this.onCallerGone();
        else if (leg) void this.onLegGone(leg, e.cause ?? 0);
        this.releaseWhenQuiet();
        return;
      }
      case AriEventType.PlaybackFinished:
        void this.voicemail?.record();
        return;
      case AriEventType.RecordingFinished:
      case AriEventType.RecordingFailed:
        void this.onRecordingEnded(e);
        return;
      default:
        return;
    }
  }

  /**
   * StasisEnd is the last event of a channel that leaves without ChannelDestroyed (traces: Local channels, legs
   * replaced or picked up, a caller hanging up unbridged): the caller is gone, a talking leg or one of those is over.
   */
  private onStasisEnd(channelId: string): void {
    if (channelId === this.channel.id) {
      if (!this.callerGone) void this.onCallerGone();
      return;
    }
    const leg = this.legs.get(channelId);
    if (!leg?.live || !(leg.endsUnseen || leg.state === 'up')) return;
    void this.onLegGone(leg, leg.hangupCause ?? HangupCause.NormalClearing);
    this.releaseWhenQuiet();
  }

  private async onLegRinging(leg: Leg<RingTarget>): Promise<void> {
    if (leg.state === 'creating') leg.state = 'ringing';
    const user = leg.info.user;
    if (!user) return;
    await this.pop.ringing(
      user,
      () => this.chain?.ringingUserIds() ?? [],
      // This leg, not only the call: a leg declined or rung out while the card was being read pops nothing.
      () => leg.live && !leg.answeredAt && !this.answer.leg && !this.ended,
    );
  }

  private onLegUp(leg: Leg<RingTarget>): void {
    if (this.answer.take(leg, !this.ended && !this.callerGone)) this.chain?.stop();
  }

  private async onLegGone(leg: Leg<RingTarget>, cause: number): Promise<void> {
    if (!leg.live) return; // closed already (by its StasisEnd, or handed over)
    const ended = this.legs.gone(leg, cause);
    if (leg !== this.answer.leg) this.tellLegEnded(leg);
    await ended;
    if (leg === this.answer.leg) return this.finish('answered');
    if (this.answer.leg || this.ended || this.callerGone) return;
    if (this.chain?.stepOver()) await this.nextStep();
  }

  /** The user whose phone this leg was hears that it no longer rings for them, and why (`call:leg_ended`). */
  private tellLegEnded(leg: Leg<RingTarget>, why?: LegEndReason): void {
    if (leg.answeredAt && !why) return;
    void this.pop.legGone(leg.info.user, why ?? legEndReason(leg, { answeredElsewhere: Boolean(this.answer.leg), callerLeft: this.callerGone }));
  }

  /** Whatever the cause, a caller gone before anyone answered has abandoned the call (TELEPHONY.md). */
  private async onCallerGone(): Promise<void> {
    this.callerGone = true;
    if (this.ended) return;
    if (this.answer.leg) return this.finish('answered');
    if (this.voicemail) return this.finish(this.voicemail.hasMessage ? 'voicemail' : 'abandoned');
    return this.finish('abandoned');
  }

  private async onRecordingEnded(e: RecordingEvent): Promise<void> {
    await this.recording.ended(e);
    if (e.type === AriEventType.RecordingFinished && this.voicemail?.isMessage(e.recording.name) && !this.callerGone) await this.finish('voicemail');
    this.releaseWhenQuiet();
  }

  // ------------------------------------------------------------------ voicemail

  private async startVoicemail(): Promise<void> {
    this.storeCall();
    this.voicemail = new Voicemail(this.scope, this.channel.id, this.recording, {
      wanted: () => !this.ended && !this.callerGone,
      failed: () => this.finish('missed'),
    });
    await this.voicemail.start(this.legs);
  }

  // ------------------------------------------------------------------ the end

  private async finish(disposition: CallDisposition): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.storeCall();
    this.chain?.stop();
    const { deps, rest } = this.scope.ctx;
    const final = this.scope.finalDisposition(disposition);
    // Asterisk does not stop the other legs when the caller leaves: we do.
    this.legs.hangUpAll();
    if (!this.callerGone) void this.scope.quietly('hang up caller', rest.hangup(this.channel.id));
    this.answer.end();
    let callId: number;
    try {
      callId = await this.scope.callId;
    } catch (err) {
      this.scope.log.error({ err }, 'the call was never stored');
      return;
    }
    await this.scope.quietly('close call', closeCall(deps.db, callId, final));
    this.scope.log.info({ disposition: final }, 'inbound call ended');
    this.pop.ended(callId, final);
    if (final !== 'answered') await this.row?.leaveTask(final);
    this.scope.releaseLater();
    this.releaseWhenQuiet();
  }

  /** Lost: the channels vanished with Asterisk (crash or restart) while we were not listening. */
  async lost(): Promise<void> {
    this.callerGone = true;
    this.legs.lost();
    this.recording.forget();
    this.scope.shutdown = true;
    await this.finish('failed');
    this.scope.release();
  }

  /** The call is let go once it has ended and nothing of it is left: no recording running, no channel alive. */
  private releaseWhenQuiet(): void {
    if (this.ended && !this.recording.isLive && this.liveChannelIds().length === 0) this.scope.release();
  }
}
