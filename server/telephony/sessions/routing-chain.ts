import crypto from 'node:crypto';
import { withTimeout } from '../../lib/async.js';
import type { StaffRow } from '../routing/staff-row.js';
import { AriHttpError } from '../ari/ari-rest.js';
import { AppArg, HangupCause } from '../ari/ari-types.js';
import { whoRings, type RingTarget, type RoutingPlan } from '../routing/routing-plan.js';
import type { CallScope } from './call-scope.js';
import type { Leg, Legs } from './legs.js';

/** What the session tells the chain, and is told by it. */
export interface ChainHost {
  /** False once the call was answered or ended, or the caller left: nothing more may ring. */
  wanted(): boolean;
  /** An agent's phone was dialled (the first dial lets the call row be written). */
  dialled(): void;
  /** How long (ms) a database read may take before this step rings without it: what is left of the routing deadline. */
  budgetMs(): number;
}

/**
 * Where a step left the call: phones are `ringing`; the chain reached `voicemail`; the chain ran out (`busy`
 * when every phone of the last step was busy, else `missed`); or it `stopped` because the call is no longer wanted.
 */
export type ChainProgress = 'ringing' | 'voicemail' | 'busy' | 'missed' | 'stopped';

/** A dial that answers 409 "Channel not in Stasis application" is tried again this often (create-then-dial-race-409 trace). */
const DIAL_ATTEMPTS = 3;
/** Asterisk reports the end of every dial; this much past the ring timeout, a step ends anyway. */
const STEP_SAFETY_MARGIN_MS = 15_000;

/**
 * The routing chain of one inbound call, step by step: who rings at each step (routing-plan.ts), each agent leg
 * created in Stasis with the caller as originator (one linkedid), dialled once its StasisStart came, and the
 * next step when every leg of this one is gone unanswered.
 */
export class RoutingChain {
  private stepIndex = -1;
  private stepLegs: Leg<RingTarget>[] = [];
  private stepTimer?: NodeJS.Timeout;
  private readonly rung = new Set<number>();

  constructor(
    private readonly scope: CallScope,
    private readonly legs: Legs<RingTarget>,
    private readonly plan: RoutingPlan,
    private readonly callerChannelId: string,
    private readonly host: ChainHost,
  ) {}

  /**
   * Rings the next step that has someone to ring (skipped people get a `skipped_<why>` leg row). Rejects when
   * the ring group cannot be read.
   */
  async next(): Promise<ChainProgress> {
    const { deps } = this.scope.ctx;
    while (this.host.wanted()) {
      this.stepIndex += 1;
      const step = this.plan.department.chain[this.stepIndex];
      if (!step) return this.lastStepAllBusy() ? 'busy' : 'missed';
      if (step === 'voicemail') return 'voicemail';
      const ringGroup = step === 'ring_group' ? await this.ringGroup() : [];
      const inputs = { presence: deps.presence, ringGroup, alreadyRung: this.rung, trunkDialTemplate: deps.config.telephony.trunkDialTemplate };
      const { targets, skipped } = whoRings(this.plan, step, inputs);
      for (const s of skipped) this.legs.note({ step, target: s.target, userId: s.user?.id ?? null, result: `skipped_${s.why}` });
      if (targets.length === 0) continue;
      if (!this.host.wanted()) return 'stopped';
      this.stepLegs = [];
      const started = await Promise.all(targets.map((t) => this.ring(t)));
      if (started.some(Boolean)) {
        this.armStepTimer();
        return 'ringing';
      }
    }
    return 'stopped';
  }

  /**
   * The department's ring group within the routing deadline; past it (a database that stalls), the group last
   * read. Rejects when there is neither (the session then hands the call to the dialplan's fallback).
   */
  private async ringGroup(): Promise<StaffRow[]> {
    const { departments } = this.scope.ctx;
    const id = this.plan.department.id;
    try {
      return await withTimeout(departments.ringGroup(id), this.host.budgetMs(), 'ring group read missed the routing deadline');
    } catch (err) {
      const last = departments.rememberedRingGroup(id);
      if (!last) throw err;
      this.scope.log.warn({ err: (err as Error).message }, 'ring group read failed: ringing the group last read');
      return last;
    }
  }

  /** True when every leg of the current step is gone: time for the next step. */
  stepOver(): boolean {
    return this.stepLegs.every((l) => !l.live);
  }

  /** The users whose phones ring at this moment (the screen pop lists them). */
  ringingUserIds(): number[] {
    const ids = new Set<number>();
    for (const l of this.stepLegs) if (l.live && l.info.user) ids.add(l.info.user.id);
    return [...ids];
  }

  /** No more steps: the safety timer goes. */
  stop(): void {
    clearTimeout(this.stepTimer);
  }

  private lastStepAllBusy(): boolean {
    return this.stepLegs.length > 0 && this.stepLegs.every((l) => !l.live && l.cause === HangupCause.UserBusy);
  }

  /** A safety net: if Asterisk never reports the end of the dial, the step's legs are hung up anyway. */
  private armStepTimer(): void {
    clearTimeout(this.stepTimer);
    const legs = this.stepLegs;
    this.stepTimer = setTimeout(() => {
      for (const l of legs) if (l.state !== 'gone' && l.state !== 'up') void this.legs.hangUp(l);
    }, this.plan.department.ringTimeoutSec * 1000 + STEP_SAFETY_MARGIN_MS);
    this.stepTimer.unref();
  }

  /**
   * Creates the agent leg (`POST /channels/create`, originator = the caller), waits for its StasisStart (a dial
   * before it may meet a 409: TELEPHONY.md "Call control"; the create's own answer is not awaited when the
   * StasisStart comes first), then dials it. Resolves false when it did not ring.
   */
  private async ring(target: RingTarget): Promise<boolean> {
    const { rest, app, deps } = this.scope.ctx;
    const channelId = `ll-${crypto.randomUUID()}`;
    const leg = this.legs.open(channelId, { step: target.step, target: target.endpoint, userId: target.user?.id ?? null }, target);
    this.stepLegs.push(leg);
    if (target.user) this.rung.add(target.user.id);
    try {
      // The dial goes on the leg's StasisStart, which a real Asterisk may send before the create's answer
      // (TELEPHONY.md "Call control"): waiting for both would add the answer's way back to every call.
      const created = rest.createChannel({ endpoint: target.endpoint, app, appArgs: `${AppArg.Agent},${this.callerChannelId}`, channelId, originator: this.callerChannelId });
      created.catch(() => undefined); // a refusal is seen by the race below
      await withTimeout(Promise.race([leg.inStasis.promise, created.then(() => leg.inStasis.promise)]), deps.config.telephony.ari.requestTimeoutMs, 'agent leg never entered Stasis');
      if (!this.host.wanted()) {
        await this.legs.hangUp(leg);
        return false;
      }
      await this.dial(channelId);
      this.host.dialled();
      if (leg.state === 'creating') leg.state = 'ringing';
      return true;
    } catch (err) {
      this.scope.log.warn({ err: (err as Error).message, endpoint: target.endpoint }, 'agent leg could not be rung');
      this.legs.failed(leg);
      return false;
    }
  }

  private async dial(channelId: string): Promise<void> {
    const timeout = this.plan.department.ringTimeoutSec;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.scope.ctx.rest.dial(channelId, { caller: this.callerChannelId, timeout });
      } catch (err) {
        if (!(err instanceof AriHttpError && err.status === 409) || attempt >= DIAL_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
  }
}
