import { toDbTime } from '../../db/knex.js';
import type { RingTarget } from '../routing/routing-plan.js';
import type { BridgedCall } from './bridged-call.js';
import type { CallRecording } from './call-recording.js';
import type { CallScope } from './call-scope.js';
import type { InboundCallRow } from './inbound-call-row.js';
import type { Leg, Legs } from './legs.js';
import type { ScreenPop } from './screen-pop.js';

/**
 * Who answered an inbound call, and what answering does: the first agent leg up takes the call, every other leg
 * is hung up, the caller is answered and bridged with it, the bridge is recorded as `leadline-<call id>`, the
 * user is on a call (presence) until the call ends, the call row and the card's viewers hear who answered, and
 * the conversation is written to the lead.
 */
export class InboundAnswer {
  /** The leg that has the caller: the one that answered, or who it was transferred to. */
  leg?: Leg<RingTarget>;

  constructor(
    private readonly scope: CallScope,
    private readonly legs: Legs<RingTarget>,
    private readonly bridge: BridgedCall,
    private readonly recording: CallRecording,
    private readonly pop: ScreenPop,
    private readonly callerChannelId: string,
    private readonly row: () => InboundCallRow | undefined,
  ) {}

  /**
   * `leg` is up: it takes the call when the call is `open` (not ended, the caller still there) and nobody answered
   * yet, and the caller's other phones are hung up; else it is hung up itself (unless it is the answered one).
   * Returns true when it took the call.
   */
  take(leg: Leg<RingTarget>, open: boolean): boolean {
    if (this.leg || !open) {
      if (leg !== this.leg) void this.legs.hangUp(leg);
      return false;
    }
    this.leg = leg;
    const answeredAt = toDbTime();
    void this.legs.answered(leg, answeredAt);
    this.legs.hangUpAll(leg);
    void this.connect(leg, answeredAt);
    return true;
  }

  /** The call ended: the user who had the caller is free again. */
  end(): void {
    const user = this.leg?.info.user;
    if (user) this.scope.ctx.deps.presence.setOnCall(user.id, false);
  }

  /** Answers the caller, bridges both, records the bridge, then tells the call row, the card's viewers and the lead. */
  private async connect(leg: Leg<RingTarget>, answeredAt: string): Promise<void> {
    const { deps, rest } = this.scope.ctx;
    const user = leg.info.user;
    if (user) deps.presence.setOnCall(user.id, true);
    const callId = await this.scope.callId;
    try {
      await rest.answer(this.callerChannelId);
      await this.bridge.join([this.callerChannelId, leg.channelId]);
      await this.bridge.record(this.recording, `leadline-${callId}`);
    } catch (err) {
      this.scope.log.error({ err: (err as Error).message }, 'connecting the answered call failed');
    }
    await this.row()?.answered(user?.id ?? null, answeredAt);
    if (user) await this.pop.answered(callId, user);
    await this.row()?.conversation(user?.id ?? null);
  }
}
