import crypto from 'node:crypto';
import type { CallDisposition, RoutingStep } from '../../api-types.js';
import { toDbTime } from '../../db/knex.js';
import type { Logger } from '../../logger.js';
import { rowToSessionUser } from '../../modules/auth/sessions.repo.js';
import { callerCard, type CallerCard } from '../../modules/calls/caller-card.js';
import { emitCallAnswered, emitCallEnded, emitCallRinging } from '../../modules/calls/calls.events.js';
import { closeCall, insertCall, insertLeg, updateCall, updateLeg } from '../../modules/calls/calls.repo.js';
import { createCallerLead } from '../../modules/calls/create-caller-lead.js';
import { leaveMissedCallTask } from '../../modules/calls/leave-missed-call-task.js';
import { recordConversation } from '../../modules/calls/record-conversation.js';
import { AriHttpError } from '../ari/ari-rest.js';
import {
  AppArg,
  AriEventType,
  ChannelState,
  DialplanTarget,
  HangupCause,
  SoftHangupFlag,
  linkedIdOf,
  type AriEvent,
  type AriChannel,
} from '../ari/ari-types.js';
import type { TelephonyContext } from '../context.js';
import { playbackKey, recordingKey, type CallSession } from '../dispatcher.js';
import { CallerNumber, type LookupResult } from '../routing/caller-lookup.js';
import { planFor, whoRings, type RingTarget, type RoutingPlan } from '../routing/routing-plan.js';
import { deferred, withTimeout, type Deferred } from '../../lib/async.js';
import { legResult } from './session-kit.js';

interface Leg {
  channelId: string;
  target: RingTarget;
  inStasis: Deferred<void>;
  state: 'creating' | 'ringing' | 'up' | 'gone';
  hungUpByUs: boolean;
  cause?: number;
  legId?: Promise<number | null>;
}

/** How long an ended call waits for its last events (recording finished, legs destroyed) before it is let go. */
const RELEASE_GRACE_MS = 60_000;

/**
 * One inbound call, from StasisStart of the caller to its last channel: routes it step by step through the
 * department's chain, pops the card on the screens of whoever's phone rings, bridges and records the answered
 * call, and leaves a task behind when nobody took it.
 */
export class InboundCallSession implements CallSession {
  private logger?: Logger;
  private readonly startedAt = new Date();
  private readonly callerNumber: CallerNumber;
  private readonly callIdKnown = deferred<number>();
  private readonly callId = this.callIdKnown.promise;
  private bridgeId: Promise<string | null> = Promise.resolve(null);
  private bridgeRequested = false;
  private plan?: RoutingPlan;
  private readonly card = deferred<CallerCard | null>();
  private stored = false;
  private routingSettled: Promise<void> = Promise.resolve();
  private readonly legs = new Map<string, Leg>();
  private stepLegs: Leg[] = [];
  private stepIndex = -1;
  private stepTimer?: NodeJS.Timeout;
  private readonly rung = new Set<number>();
  private readonly popUsers = new Map<number, string>();
  private answered?: Leg;
  private ended = false;
  private released = false;
  private releaseTimer?: NodeJS.Timeout;
  private callerGone = false;
  private shutdown = false;
  private voicemail?: { recording?: string };
  private recordingLive?: string;
  private leadId: number | null = null;
  private clientId: number | null = null;

  constructor(
    private readonly ctx: TelephonyContext,
    private readonly caller: AriChannel,
    private readonly dnis: string,
  ) {
    this.callerNumber = new CallerNumber(caller.caller?.number ?? '', ctx.deps.config.defaultCountry);
  }

  // Nothing that can wait is done before the first phone rings: the logger and the parsed number come when used.
  private get log(): Logger {
    return (this.logger ??= this.ctx.deps.log.child({ call: this.caller.id }));
  }

  liveChannelIds(): string[] {
    const ids = [...this.legs.values()].filter((l) => l.state !== 'gone').map((l) => l.channelId);
    return this.callerGone ? ids : [this.caller.id, ...ids];
  }

  async start(): Promise<void> {
    const { rest, dispatcher } = this.ctx;
    dispatcher.bind(this.caller.id, this);
    const department = await this.ctx.departments.forDnis(this.dnis).catch((err: unknown) => {
      this.log.error({ err }, 'department lookup failed');
      return null;
    });
    if (!department) return this.handBackToDialplan();

    const result = await this.ctx.callers.lookup(this.callerNumber);
    const plan = planFor(department, result);
    this.plan = plan;
    this.leadId = plan.match?.leadId ?? null;
    this.clientId = plan.match?.clientId ?? null;
    try {
      await this.nextStep();
    } catch (err) {
      // Never nowhere: whatever broke, the dialplan's fallback rings the department.
      this.log.error({ err }, 'routing failed: handing the call to the dialplan fallback');
      this.storeCall();
      await this.quietly('continue', this.ctx.rest.continueInDialplan(this.caller.id, { context: DialplanTarget.FallbackContext, extension: this.dnis, priority: 1 }));
      this.callerGone = true;
      await this.finish('failed');
      return;
    }
    this.storeCall();
    this.log.info({ note: plan.note }, 'inbound call routed');
    // Ringback and the bridge come right after the first dial: nothing may delay the phones ringing.
    if (!this.callerGone && !this.voicemail) void this.quietly('ring', rest.ring(this.caller.id));
    if (!this.ended) void this.ensureBridge();
    this.routingSettled = this.settleRouting(result);
  }

  /**
   * The call row and the screen pop's card: written once the first phone is dialled (or the chain has run),
   * so that no database write stands between the caller and the ringing phone.
   */
  private storeCall(): void {
    const plan = this.plan;
    if (this.stored || !plan) return;
    this.stored = true;
    const { deps } = this.ctx;
    insertCall(deps.db, {
      direction: 'inbound',
      channelId: this.caller.id,
      linkedid: linkedIdOf(this.caller),
      clientNumber: this.callerNumber.display,
      dnis: this.dnis,
      departmentId: plan.department.id,
      clientId: this.clientId,
      leadId: this.leadId,
      routing: plan.note,
      startedAt: toDbTime(this.startedAt),
    }).then(this.callIdKnown.resolve, this.callIdKnown.reject);
    // Without CHANNEL(linkedid) in ari.conf's channelvars, the call's own id ties its legs together.
    if (!linkedIdOf(this.caller)) void this.callId.then((id) => this.quietly('linkedid', updateCall(deps.db, id, { linkedid: `leadline-${id}` })), () => undefined);
    this.callId
      .then((id) => callerCard(deps.db, { callId: id, callerNumber: this.callerNumber.display ?? '', department: plan.department, caller: plan.match }))
      .then(this.card.resolve, (err: unknown) => {
        this.log.warn({ err }, 'screen pop could not be prepared');
        this.card.resolve(null);
      });
  }

  /** One mixing bridge per call, made once (after the first dial, or at answer if that comes first). */
  private ensureBridge(): Promise<string | null> {
    if (this.bridgeRequested) return this.bridgeId;
    this.bridgeRequested = true;
    const { rest, dispatcher } = this.ctx;
    this.bridgeId = rest.createBridge({ type: 'mixing', name: `call-${this.caller.id}` }).then(
      (b) => {
        dispatcher.bind(b.id, this);
        return b.id;
      },
      (err: unknown) => {
        this.log.warn({ err: (err as Error).message }, 'bridge creation failed');
        return null;
      },
    );
    return this.bridgeId;
  }

  /** After the phones ring: attach the call to its client, or make an unknown caller a new lead. */
  private async settleRouting(result: LookupResult): Promise<void> {
    const { deps } = this.ctx;
    try {
      const callId = await this.callId;
      const match = result.kind === 'known' ? result.match : result.kind === 'timeout' ? await result.late : null;
      if (match) {
        if (this.clientId === null) {
          this.clientId = match.clientId;
          this.leadId = match.leadId;
          await updateCall(deps.db, callId, { client_id: match.clientId, lead_id: match.leadId });
        }
        return;
      }
      if (result.kind === 'unknown' && this.plan) {
        const created = await createCallerLead(deps, { departmentId: this.plan.department.id, callerNumber: this.callerNumber.asSent });
        if (created) {
          this.leadId = created.leadId;
          this.clientId = created.clientId;
          await updateCall(deps.db, callId, { client_id: created.clientId, lead_id: created.leadId });
        }
      }
    } catch (err) {
      this.log.error({ err }, 'attaching the call to its client failed');
    }
  }

  /** No department for this number (or no database): let the dialplan's fallback ring the group. */
  private async handBackToDialplan(): Promise<void> {
    this.ended = true;
    this.log.warn({ dnis: this.dnis }, 'no department for the dialled number: handing the call back to the dialplan fallback');
    await this.quietly(
      'continue',
      this.ctx.rest.continueInDialplan(this.caller.id, { context: DialplanTarget.FallbackContext, extension: this.dnis, priority: 1 }),
    );
    this.release();
  }

  // ------------------------------------------------------------------ the chain

  private async nextStep(): Promise<void> {
    const plan = this.plan;
    if (!plan) return;
    const { deps } = this.ctx;
    while (!this.ended && !this.answered && !this.callerGone) {
      this.stepIndex += 1;
      const step: RoutingStep | undefined = plan.department.chain[this.stepIndex];
      if (!step) return this.finish(this.lastStepAllBusy() ? 'busy' : 'missed');
      if (step === 'voicemail') return this.startVoicemail();
      const ringGroup = step === 'ring_group' ? await this.ctx.departments.ringGroup(plan.department.id) : [];
      const inputs = { presence: deps.presence, ringGroup, alreadyRung: this.rung, trunkDialTemplate: deps.config.telephony.trunkDialTemplate };
      const { targets, skipped } = whoRings(plan, step, inputs);
      for (const s of skipped) void this.recordLeg({ step, target: s.target, userId: s.user?.id ?? null, channelId: null, result: `skipped_${s.why}` });
      if (targets.length === 0) continue;
      if (this.ended || this.callerGone) return;
      this.stepLegs = [];
      const started = await Promise.all(targets.map((t) => this.ringLeg(t)));
      if (started.some(Boolean)) {
        this.armStepTimer(plan.department.ringTimeoutSec);
        return;
      }
    }
  }

  private lastStepAllBusy(): boolean {
    return this.stepLegs.length > 0 && this.stepLegs.every((l) => l.state === 'gone' && l.cause === HangupCause.UserBusy);
  }

  /** A safety net: if Asterisk never reports the end of the dial, the step ends anyway. */
  private armStepTimer(ringTimeoutSec: number): void {
    clearTimeout(this.stepTimer);
    const legs = this.stepLegs;
    this.stepTimer = setTimeout(() => {
      for (const l of legs) if (l.state !== 'gone' && l.state !== 'up') void this.hangupLeg(l);
    }, ringTimeoutSec * 1000 + 15_000);
    this.stepTimer.unref();
  }

  /** Creates the agent leg, waits for its StasisStart (a /dial before it may meet a 409), then dials. */
  private async ringLeg(target: RingTarget): Promise<boolean> {
    const { rest, dispatcher, app } = this.ctx;
    const channelId = `ll-${crypto.randomUUID()}`;
    const leg: Leg = { channelId, target, inStasis: deferred(), state: 'creating', hungUpByUs: false };
    this.legs.set(channelId, leg);
    this.stepLegs.push(leg);
    dispatcher.bind(channelId, this);
    if (target.user) this.rung.add(target.user.id);
    try {
      await rest.createChannel({ endpoint: target.endpoint, app, appArgs: `${AppArg.Agent},${this.caller.id}`, channelId, originator: this.caller.id });
      leg.legId = this.recordLeg({ step: target.step, target: target.endpoint, userId: target.user?.id ?? null, channelId });
      await withTimeout(leg.inStasis.promise, this.ctx.deps.config.telephony.ari.requestTimeoutMs, 'agent leg never entered Stasis');
      if (this.ended || this.answered || this.callerGone) {
        await this.hangupLeg(leg);
        return false;
      }
      await this.dial(channelId);
      this.storeCall();
      leg.state = leg.state === 'creating' ? 'ringing' : leg.state;
      return true;
    } catch (err) {
      this.log.warn({ err: (err as Error).message, endpoint: target.endpoint }, 'agent leg could not be rung');
      leg.state = 'gone';
      dispatcher.unbind(channelId);
      void this.hangupLeg(leg);
      if (leg.legId) void leg.legId.then((id) => (id ? updateLeg(this.ctx.deps.db, id, { ended_at: toDbTime(), result: 'failed' }) : undefined)).catch(() => undefined);
      else void this.recordLeg({ step: target.step, target: target.endpoint, userId: target.user?.id ?? null, channelId, result: 'failed' });
      return false;
    }
  }

  private async dial(channelId: string): Promise<void> {
    const timeout = this.plan?.department.ringTimeoutSec ?? this.ctx.deps.config.telephony.ringTimeoutSec;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ctx.rest.dial(channelId, { caller: this.caller.id, timeout });
      } catch (err) {
        if (!(err instanceof AriHttpError && err.status === 409) || attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
  }

  private async hangupLeg(leg: Leg): Promise<void> {
    leg.hungUpByUs = true;
    await this.quietly('hang up agent leg', this.ctx.rest.hangup(leg.channelId));
  }

  private recordLeg(l: { step: string; target: string | null; userId: number | null; channelId: string | null; result?: string }): Promise<number | null> {
    return this.callId
      .then((callId) => insertLeg(this.ctx.deps.db, { callId, ...l }))
      .catch((err: unknown) => {
        this.log.warn({ err }, 'call leg not recorded');
        return null;
      });
  }

  // ------------------------------------------------------------------ events

  handle(e: AriEvent): void {
    switch (e.type) {
      case AriEventType.StasisStart:
        this.legs.get(e.channel.id)?.inStasis.resolve();
        return;
      case AriEventType.ChannelStateChange: {
        const leg = this.legs.get(e.channel.id);
        if (!leg) return;
        if (e.channel.state === ChannelState.Ringing) void this.onLegRinging(leg);
        if (e.channel.state === ChannelState.Up) this.onLegUp(leg);
        return;
      }
      case AriEventType.ChannelHangupRequest:
        if (e.soft && e.cause === SoftHangupFlag.Shutdown) this.shutdown = true;
        return;
      case AriEventType.ChannelDestroyed:
        this.ctx.dispatcher.unbind(e.channel.id);
        if (e.channel.id === this.caller.id) void this.onCallerGone();
        else {
          const leg = this.legs.get(e.channel.id);
          if (leg) void this.onLegGone(leg, e.cause ?? 0);
        }
        this.maybeRelease();
        return;
      case AriEventType.PlaybackFinished:
        void this.recordVoicemail();
        return;
      case AriEventType.RecordingFinished:
        void this.onRecordingFinished(e.recording.name, e.recording.duration ?? 0);
        return;
      case AriEventType.RecordingFailed:
        this.recordingLive = undefined;
        void this.callId.then((id) => updateCall(this.ctx.deps.db, id, { recording_state: 'unusable' })).catch(() => undefined);
        return;
      default:
        return;
    }
  }

  private async onLegRinging(leg: Leg): Promise<void> {
    if (leg.state === 'creating') leg.state = 'ringing';
    const user = leg.target.user;
    if (!user || this.popUsers.has(user.id) || this.answered || this.ended) return;
    this.popUsers.set(user.id, user.name);
    const card = await this.card.promise;
    if (!card || this.answered || this.ended) return;
    const ringing = [...new Set(this.stepLegs.filter((l) => l.state !== 'gone').flatMap((l) => (l.target.user ? [l.target.user.id] : [])))];
    emitCallRinging(this.ctx.deps, card, rowToSessionUser(user), ringing);
  }

  private onLegUp(leg: Leg): void {
    if (this.answered || this.ended || this.callerGone) {
      if (leg !== this.answered) void this.hangupLeg(leg);
      return;
    }
    this.answered = leg;
    leg.state = 'up';
    clearTimeout(this.stepTimer);
    for (const other of this.legs.values()) if (other !== leg && other.state !== 'gone') void this.hangupLeg(other);
    void this.connect(leg, toDbTime());
  }

  /** Someone picked up: answer the caller, bridge both, record the bridge, tell everyone who saw the pop. */
  private async connect(leg: Leg, answeredAt: string): Promise<void> {
    const { deps, rest, dispatcher } = this.ctx;
    const user = leg.target.user;
    if (user) deps.presence.setOnCall(user.id, true);
    const callId = await this.callId;
    const recordingName = `leadline-${callId}`;
    try {
      await rest.answer(this.caller.id);
      let bridgeId = await this.ensureBridge();
      if (!bridgeId) {
        this.bridgeRequested = false;
        bridgeId = await this.ensureBridge();
      }
      if (!bridgeId) throw new Error('no bridge');
      await rest.addChannel(bridgeId, [this.caller.id, leg.channelId]);
      dispatcher.bind(recordingKey(recordingName), this);
      this.recordingLive = recordingName;
      await rest.recordBridge(bridgeId, { name: recordingName, format: 'wav', ifExists: 'overwrite', beep: false, terminateOn: 'none' });
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'connecting the answered call failed');
    }
    await this.quietly(
      'answered call',
      updateCall(deps.db, callId, {
        status: 'up',
        user_id: user?.id ?? null,
        answered_at: answeredAt,
        recording_name: this.recordingLive ?? null,
        recording_state: this.recordingLive ? 'recording' : 'none',
      }),
    );
    const legId = await leg.legId;
    if (legId) await this.quietly('answered leg', updateLeg(deps.db, legId, { answered_at: answeredAt, result: 'answered' }));
    if (user) {
      const recipients = [...this.popUsers.keys()];
      if (!recipients.includes(user.id)) recipients.push(user.id);
      emitCallAnswered(deps, recipients, { callId, answeredByUserId: user.id, answeredByName: user.name });
    }
    await this.routingSettled;
    const what = `inbound call answered by ${user?.name ?? leg.target.endpoint}`;
    if (this.leadId) await this.quietly('first contact', recordConversation(deps, { leadId: this.leadId, userId: user?.id ?? null, what }));
  }

  private async onLegGone(leg: Leg, cause: number): Promise<void> {
    const wasUp = leg.state === 'up';
    leg.state = 'gone';
    leg.cause = cause;
    const legId = await leg.legId;
    if (legId) {
      const result = wasUp ? 'answered' : leg.hungUpByUs ? 'cancelled' : legResult(cause);
      await this.quietly('leg end', updateLeg(this.ctx.deps.db, legId, { ended_at: toDbTime(), cause, ...(wasUp ? {} : { result }) }));
    }
    if (leg === this.answered) return this.finish('answered');
    if (this.answered || this.ended || this.callerGone) return;
    if (this.stepLegs.every((l) => l.state === 'gone')) await this.nextStep();
  }

  private async onCallerGone(): Promise<void> {
    this.callerGone = true;
    if (this.ended) return;
    if (this.answered) return this.finish('answered');
    if (this.voicemail) return this.finish(this.voicemail.recording ? 'voicemail' : 'abandoned');
    return this.finish('abandoned');
  }

  // ------------------------------------------------------------------ voicemail

  private async startVoicemail(): Promise<void> {
    const { rest, dispatcher } = this.ctx;
    this.voicemail = {};
    this.storeCall();
    void this.recordLeg({ step: 'voicemail', target: 'voicemail', userId: null, channelId: this.caller.id });
    const playbackId = `ll-pb-${crypto.randomUUID()}`;
    dispatcher.bind(playbackKey(playbackId), this);
    try {
      await rest.answer(this.caller.id);
      await rest.play(this.caller.id, { media: 'sound:vm-intro', playbackId });
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'voicemail prompt failed; recording straight away');
      await this.recordVoicemail();
    }
  }

  private async recordVoicemail(): Promise<void> {
    if (!this.voicemail || this.voicemail.recording || this.ended || this.callerGone) return;
    const callId = await this.callId;
    const name = `leadline-vm-${callId}`;
    this.voicemail.recording = name;
    this.recordingLive = name;
    this.ctx.dispatcher.bind(recordingKey(name), this);
    try {
      await this.ctx.rest.recordChannel(this.caller.id, { name, format: 'wav', maxDurationSeconds: 120, beep: true, terminateOn: '#', ifExists: 'overwrite' });
      await updateCall(this.ctx.deps.db, callId, { recording_name: name, recording_state: 'recording' });
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'voicemail recording failed');
      this.recordingLive = undefined;
      await this.finish('missed');
    }
  }

  private async onRecordingFinished(name: string, durationSec: number): Promise<void> {
    this.ctx.dispatcher.unbind(recordingKey(name));
    if (this.recordingLive === name) this.recordingLive = undefined;
    const callId = await this.callId;
    await this.quietly('recording state', updateCall(this.ctx.deps.db, callId, { recording_state: 'ready' }));
    this.log.debug({ name, durationSec }, 'recording finished');
    if (this.voicemail?.recording === name && !this.callerGone) await this.finish('voicemail');
    this.maybeRelease();
  }

  // ------------------------------------------------------------------ the end

  private async finish(outcome: CallDisposition): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.storeCall();
    clearTimeout(this.stepTimer);
    const { deps, rest } = this.ctx;
    const final: CallDisposition = this.shutdown ? 'failed' : outcome;
    // Asterisk does not stop the other legs when the caller leaves: we do.
    for (const leg of this.legs.values()) if (leg.state !== 'gone') void this.hangupLeg(leg);
    if (!this.callerGone) void this.quietly('hang up caller', rest.hangup(this.caller.id));
    const answeredUser = this.answered?.target.user ?? null;
    if (answeredUser) deps.presence.setOnCall(answeredUser.id, false);
    let callId: number;
    try {
      callId = await this.callId;
    } catch (err) {
      this.log.error({ err }, 'the call was never stored');
      return;
    }
    await this.quietly('close call', closeCall(deps.db, callId, final));
    this.log.info({ disposition: final }, 'inbound call ended');
    emitCallEnded(deps, [...this.popUsers.keys()], { callId, disposition: final });
    if (final !== 'answered') await this.leaveTask(final);
    // A last event that never comes (a lost RecordingFinished) must not keep the session in memory.
    this.releaseTimer = setTimeout(() => this.release(), RELEASE_GRACE_MS);
    this.releaseTimer.unref();
    this.maybeRelease();
  }

  /** Lost: the channels vanished with Asterisk (crash or restart) while we were not listening. */
  async lost(): Promise<void> {
    this.callerGone = true;
    for (const leg of this.legs.values()) leg.state = 'gone';
    this.recordingLive = undefined;
    this.shutdown = true;
    await this.finish('failed');
    this.release();
  }

  private async leaveTask(disposition: Exclude<CallDisposition, 'answered'>): Promise<void> {
    await this.routingSettled;
    const task = {
      disposition,
      callerNumber: this.callerNumber.display,
      leadId: this.leadId,
      ownerId: this.plan?.match?.owner?.id ?? null,
      departmentId: this.plan?.department.id ?? null,
    };
    await this.quietly('missed-call task', leaveMissedCallTask(this.ctx.deps, task));
  }

  private maybeRelease(): void {
    if (!this.ended || this.recordingLive) return;
    if (this.liveChannelIds().length > 0) return;
    this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    clearTimeout(this.releaseTimer);
    const { dispatcher, rest } = this.ctx;
    dispatcher.unbind(this.caller.id);
    for (const id of this.legs.keys()) dispatcher.unbind(id);
    void this.bridgeId.then((id) => {
      if (!id) return;
      dispatcher.unbind(id);
      return this.quietly('destroy bridge', rest.destroyBridge(id));
    });
  }

  private async quietly(what: string, p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, `${what} failed`);
    }
  }
}
