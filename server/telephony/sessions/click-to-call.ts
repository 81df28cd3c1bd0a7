import { emitCallEnded } from '../../modules/calls/calls.events.js';
import type { CallDisposition } from '../../api-types.js';
import { toDbTime } from '../../db/knex.js';
import { closeCall, updateCall } from '../../modules/calls/calls.repo.js';
import { recordConversation } from '../../modules/calls/record-conversation.js';
import { AppArg, AriEventType, ChannelState, ClickToCallRole, HangupCause, type AriEvent, type RecordingEvent } from '../ari/ari-types.js';
import type { TelephonyContext } from '../context.js';
import type { CallSession } from '../dispatcher.js';
import { trunkEndpoint } from '../routing/routing-plan.js';
import type { ClickToCallOrder, ClickToCallOutcome } from '../../deps.js';
import { BridgedCall } from './bridged-call.js';
import { CallRecording } from './call-recording.js';
import { CallScope } from './call-scope.js';
import { Legs, type Leg } from './legs.js';

/**
 * A manager clicks a client's number (the call row is already written: modules/calls/place-click-to-call.ts):
 * their own phone rings first (originate, StasisStart when they pick up); only then is the client dialled
 * through the trunk, with the manager's channel as originator (one linkedid); both talk in one bridge,
 * recorded (TELEPHONY.md "Call control", click-to-call trace).
 */
export class ClickToCallSession implements CallSession {
  private readonly scope: CallScope;
  private readonly legs: Legs<ClickToCallRole>;
  private readonly recording: CallRecording;
  private readonly bridge: BridgedCall;
  private agent?: Leg<ClickToCallRole>;
  private client?: Leg<ClickToCallRole>;
  private ended = false;

  constructor(
    ctx: TelephonyContext,
    private readonly order: ClickToCallOrder,
  ) {
    this.scope = new CallScope(ctx, this, Promise.resolve(order.callId), { call: order.callId, clickToCall: true });
    this.legs = new Legs(this.scope);
    this.recording = new CallRecording(this.scope);
    this.bridge = new BridgedCall(this.scope, `c2c-${order.callId}`);
  }

  liveChannelIds(): string[] {
    return this.legs.liveChannelIds();
  }

  /** Rings the manager's phone. Rejects when Asterisk refuses (the call is then closed as `failed`). */
  async start(): Promise<void> {
    const { rest, app, deps } = this.scope.ctx;
    const o = this.order;
    const agent = this.legs.open(o.agentChannelId, { step: 'agent', target: o.endpoint, userId: o.userId }, ClickToCallRole.Agent);
    this.agent = agent;
    try {
      await rest.originate({
        endpoint: o.endpoint,
        app,
        appArgs: [AppArg.ClickToCall, ClickToCallRole.Agent, String(o.callId), o.clientPhone].join(','),
        callerId: `"${(o.clientName ?? 'Client').replace(/["<>]/g, '')}" <${o.clientPhone}>`,
        timeout: deps.config.telephony.ringTimeoutSec,
        channelId: agent.channelId,
      });
    } catch (err) {
      this.legs.failed(agent);
      await this.finish('failed');
      throw err;
    }
  }

  handle(e: AriEvent): void {
    switch (e.type) {
      case AriEventType.StasisStart:
        if (e.channel.id === this.agent?.channelId) void this.onAgentAnswered();
        else if (e.channel.id === this.client?.channelId) void this.onClientAnswered();
        return;
      case AriEventType.ChannelStateChange:
        if (e.channel.state === ChannelState.Up && e.channel.id === this.agent?.channelId) this.scope.ctx.deps.presence.setOnCall(this.order.userId, true);
        return;
      case AriEventType.ChannelHangupRequest:
        this.scope.noteHangupRequest(e);
        return;
      case AriEventType.ChannelDestroyed:
        this.scope.disown(e.channel.id);
        void this.onLegGone(e.channel.id, e.cause ?? 0);
        return;
      case AriEventType.RecordingFinished:
      case AriEventType.RecordingFailed:
        void this.onRecordingEnded(e);
        return;
      default:
        return;
    }
  }

  /** The manager picked up: bridge them, then dial the client through the trunk (the lead's `call` history row). */
  private async onAgentAnswered(): Promise<void> {
    const { rest, app, deps } = this.scope.ctx;
    const agent = this.agent;
    if (!agent || this.ended) return;
    deps.presence.setOnCall(this.order.userId, true);
    void this.legs.answered(agent);
    const endpoint = trunkEndpoint(deps.config.telephony.trunkDialTemplate, this.order.clientPhone);
    try {
      await this.bridge.join([agent.channelId]);
      if (this.ended) return;
      const client = this.legs.open(`${agent.channelId}-client`, { step: 'client', target: endpoint, userId: null }, ClickToCallRole.Client);
      this.client = client;
      await rest.originate({
        endpoint,
        app,
        appArgs: [AppArg.ClickToCall, ClickToCallRole.Client, String(this.order.callId), agent.channelId].join(','),
        callerId: this.order.callerId ? `"Leadline" <${this.order.callerId}>` : undefined,
        timeout: deps.config.telephony.ringTimeoutSec * 2,
        channelId: client.channelId,
        originator: agent.channelId,
      });
    } catch (err) {
      this.scope.log.error({ err: (err as Error).message }, 'dialling the client failed');
      if (this.client) this.legs.failed(this.client);
      await this.finish('failed');
      return;
    }
    // Dialling the client is a first outbound call attempt: the lead's first contact, answered or not.
    const { leadId, userId, clientPhone } = this.order;
    await this.scope.quietly('first contact', recordConversation(deps, { leadId, userId, direction: 'outbound', clientNumber: clientPhone }));
  }

  /** The client picked up: join them to the manager and record (the first contact was the dial). */
  private async onClientAnswered(): Promise<void> {
    const { deps } = this.scope.ctx;
    const client = this.client;
    if (!client || this.ended) return;
    const answeredAt = toDbTime();
    void this.legs.answered(client, answeredAt);
    try {
      await this.bridge.join([client.channelId]);
      await this.bridge.record(this.recording, `leadline-${this.order.callId}`);
    } catch (err) {
      this.scope.log.error({ err: (err as Error).message }, 'joining the client failed');
    }
    await this.scope.quietly('answered call', updateCall(deps.db, this.order.callId, { status: 'up', answered_at: answeredAt }));
  }

  /** Either side hung up: the call is over (answered if the client ever picked up). */
  private async onLegGone(channelId: string, cause: number): Promise<void> {
    const leg = this.legs.get(channelId);
    if (!leg) return;
    await this.legs.gone(leg, cause);
    const talked = this.client?.answeredAt !== undefined;
    await this.finish(talked ? 'answered' : cause === HangupCause.UserBusy ? 'busy' : 'missed', this.outcome(leg, cause));
    this.releaseWhenQuiet();
  }

  private async onRecordingEnded(e: RecordingEvent): Promise<void> {
    await this.recording.ended(e);
    this.releaseWhenQuiet();
  }

  /** How far the call got when `leg` went away with `cause` (ClickToCallOrder.onEnded). */
  private outcome(leg: Leg<ClickToCallRole>, cause: number): ClickToCallOutcome {
    if (this.client?.answeredAt !== undefined) return 'talked';
    const busy = cause === HangupCause.UserBusy;
    if (this.agent?.answeredAt === undefined) return leg === this.agent && busy ? 'manager_declined' : 'manager_no_answer';
    return leg === this.client && busy ? 'client_busy' : 'client_no_answer';
  }

  private async finish(disposition: CallDisposition, outcome: ClickToCallOutcome = 'failed'): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const { deps } = this.scope.ctx;
    this.legs.hangUpAll();
    deps.presence.setOnCall(this.order.userId, false);
    const final = this.scope.finalDisposition(disposition);
    await this.scope.quietly('close call', closeCall(deps.db, this.order.callId, final));
    // The caller's call bar closes, and the lead card shows the call with its outcome.
    emitCallEnded(deps, [this.order.userId], { callId: this.order.callId, disposition: final });
    this.scope.releaseLater();
    this.order.onEnded?.(this.scope.shutdown ? 'failed' : outcome);
  }

  /** Lost: the channels vanished with Asterisk (crash or restart) while we were not listening. */
  async lost(): Promise<void> {
    this.legs.lost();
    this.recording.forget();
    this.scope.shutdown = true;
    await this.finish('failed');
    this.releaseWhenQuiet();
  }

  private releaseWhenQuiet(): void {
    if (this.ended && !this.recording.isLive && this.legs.liveChannelIds().length === 0) this.scope.release();
  }
}
