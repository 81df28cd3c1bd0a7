import type { CallDisposition } from '../../api-types.js';
import { toDbTime } from '../../db/knex.js';
import { closeCall, insertLeg, updateCall, updateLeg } from '../../modules/calls/calls.repo.js';
import { AppArg, AriEventType, ChannelState, ClickToCallRole, HangupCause, SoftHangupFlag, type AriEvent } from '../ari/ari-types.js';
import { recordConversation } from '../../modules/calls/record-conversation.js';
import type { TelephonyContext } from '../context.js';
import { recordingKey, type CallSession } from '../dispatcher.js';
import { trunkEndpoint } from '../routing/routing-plan.js';
import { legResult } from './session-kit.js';

export interface ClickToCallPlan {
  callId: number;
  agentChannelId: string;
  leadId: number;
  userId: number;
  userName: string;
  endpoint: string;
  phone: string;
  clientName: string | null;
  /** The number the client sees (the department's), when there is one. */
  callerNumber: string | null;
}

interface Side {
  channelId: string;
  legId: Promise<number | null>;
  up: boolean;
  gone: boolean;
  cause?: number;
}

/**
 * A manager clicks a client's number: their own phone rings first; only when they pick up (StasisStart, Up) is
 * the client dialled through the trunk, with the agent as originator (one linkedid); then both are bridged and
 * recorded.
 */
export class ClickToCallSession implements CallSession {
  private readonly log;
  private agent?: Side;
  private client?: Side;
  private bridgeId?: string;
  private recording?: string;
  private ended = false;
  private shutdown = false;

  constructor(
    private readonly ctx: TelephonyContext,
    private readonly plan: ClickToCallPlan,
  ) {
    this.log = ctx.deps.log.child({ call: plan.callId, clickToCall: true });
  }

  liveChannelIds(): string[] {
    return [this.agent, this.client].filter((s): s is Side => !!s && !s.gone).map((s) => s.channelId);
  }

  async start(): Promise<void> {
    const { rest, dispatcher, app, deps } = this.ctx;
    const p = this.plan;
    const channelId = p.agentChannelId;
    this.agent = { channelId, up: false, gone: false, legId: this.recordLeg('agent', p.endpoint, p.userId, channelId) };
    dispatcher.bind(channelId, this);
    try {
      await rest.originate({
        endpoint: p.endpoint,
        app,
        appArgs: [AppArg.ClickToCall, ClickToCallRole.Agent, String(p.callId), p.phone].join(','),
        callerId: `"${(p.clientName ?? 'Client').replace(/["<>]/g, '')}" <${p.phone}>`,
        timeout: deps.config.telephony.ringTimeoutSec,
        channelId,
      });
    } catch (err) {
      this.agent.gone = true;
      dispatcher.unbind(channelId);
      await this.finish('failed');
      throw err;
    }
  }

  private recordLeg(step: string, target: string, userId: number | null, channelId: string): Promise<number | null> {
    return insertLeg(this.ctx.deps.db, { callId: this.plan.callId, step, target, userId, channelId }).catch((err: unknown) => {
      this.log.warn({ err }, 'call leg not recorded');
      return null;
    });
  }

  handle(e: AriEvent): void {
    switch (e.type) {
      case AriEventType.StasisStart:
        if (e.channel.id === this.agent?.channelId) void this.onAgentUp();
        else if (e.channel.id === this.client?.channelId) void this.onClientUp();
        return;
      case AriEventType.ChannelStateChange:
        if (e.channel.state === ChannelState.Up && e.channel.id === this.agent?.channelId) this.ctx.deps.presence.setOnCall(this.plan.userId, true);
        return;
      case AriEventType.ChannelHangupRequest:
        if (e.soft && e.cause === SoftHangupFlag.Shutdown) this.shutdown = true;
        return;
      case AriEventType.ChannelDestroyed:
        this.ctx.dispatcher.unbind(e.channel.id);
        void this.onGone(e.channel.id, e.cause ?? 0);
        return;
      case AriEventType.RecordingFinished:
        this.ctx.dispatcher.unbind(recordingKey(e.recording.name));
        this.recording = undefined;
        void updateCall(this.ctx.deps.db, this.plan.callId, { recording_state: 'ready' }).catch(() => undefined);
        this.maybeRelease();
        return;
      default:
        return;
    }
  }

  /** The manager picked up: bridge them, then dial the client through the trunk. */
  private async onAgentUp(): Promise<void> {
    const { rest, dispatcher, app, deps } = this.ctx;
    const agent = this.agent;
    if (!agent || this.ended) return;
    agent.up = true;
    deps.presence.setOnCall(this.plan.userId, true);
    void agent.legId.then((id) => (id ? updateLeg(deps.db, id, { answered_at: toDbTime(), result: 'answered' }) : undefined)).catch(() => undefined);
    const clientChannelId = `${agent.channelId}-client`;
    const endpoint = trunkEndpoint(deps.config.telephony.trunkDialTemplate, this.plan.phone);
    try {
      const bridge = await rest.createBridge({ type: 'mixing', name: `c2c-${this.plan.callId}` });
      this.bridgeId = bridge.id;
      dispatcher.bind(bridge.id, this);
      await rest.addChannel(bridge.id, [agent.channelId]);
      if (this.ended) return;
      this.client = { channelId: clientChannelId, up: false, gone: false, legId: this.recordLeg('client', endpoint, null, clientChannelId) };
      dispatcher.bind(clientChannelId, this);
      await rest.originate({
        endpoint,
        app,
        appArgs: [AppArg.ClickToCall, ClickToCallRole.Client, String(this.plan.callId), agent.channelId].join(','),
        callerId: this.plan.callerNumber ? `"Leadline" <${this.plan.callerNumber}>` : undefined,
        timeout: deps.config.telephony.ringTimeoutSec * 2,
        channelId: clientChannelId,
        originator: agent.channelId,
      });
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'dialling the client failed');
      if (this.client) this.client.gone = true;
      await this.finish('failed');
    }
  }

  /** The client picked up: join them to the manager and record. */
  private async onClientUp(): Promise<void> {
    const { rest, dispatcher, deps } = this.ctx;
    const client = this.client;
    if (!client || !this.bridgeId || this.ended) return;
    client.up = true;
    const answeredAt = toDbTime();
    const name = `leadline-${this.plan.callId}`;
    try {
      await rest.addChannel(this.bridgeId, [client.channelId]);
      dispatcher.bind(recordingKey(name), this);
      this.recording = name;
      await rest.recordBridge(this.bridgeId, { name, format: 'wav', ifExists: 'overwrite', beep: false, terminateOn: 'none' });
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'joining the client failed');
    }
    await updateCall(deps.db, this.plan.callId, {
      status: 'up',
      answered_at: answeredAt,
      recording_name: this.recording ?? null,
      recording_state: this.recording ? 'recording' : 'none',
    }).catch(() => undefined);
    void client.legId.then((id) => (id ? updateLeg(deps.db, id, { answered_at: answeredAt, result: 'answered' }) : undefined)).catch(() => undefined);
    const what = `call to ${this.plan.phone} by ${this.plan.userName}`;
    await recordConversation(deps, { leadId: this.plan.leadId, userId: this.plan.userId, what }).catch((err: unknown) =>
      this.log.warn({ err }, 'first contact not recorded'),
    );
  }

  private async onGone(channelId: string, cause: number): Promise<void> {
    const side = channelId === this.agent?.channelId ? this.agent : channelId === this.client?.channelId ? this.client : undefined;
    if (!side) return;
    side.gone = true;
    side.cause = cause;
    const legId = await side.legId;
    if (legId) await updateLeg(this.ctx.deps.db, legId, { ended_at: toDbTime(), cause, ...(side.up ? {} : { result: legResult(cause) }) }).catch(() => undefined);
    const talked = !!this.client?.up;
    const outcome: CallDisposition = talked ? 'answered' : cause === HangupCause.UserBusy ? 'busy' : 'missed';
    await this.finish(outcome);
    this.maybeRelease();
  }

  private async finish(outcome: CallDisposition): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const { rest, deps } = this.ctx;
    for (const s of [this.agent, this.client]) if (s && !s.gone) void rest.hangup(s.channelId).catch((err: unknown) => this.log.warn({ err }, 'hang-up failed'));
    deps.presence.setOnCall(this.plan.userId, false);
    await closeCall(deps.db, this.plan.callId, this.shutdown ? 'failed' : outcome).catch((err: unknown) => this.log.error({ err }, 'closing the call failed'));
  }

  async lost(): Promise<void> {
    for (const s of [this.agent, this.client]) if (s) s.gone = true;
    this.recording = undefined;
    this.shutdown = true;
    await this.finish('failed');
    this.maybeRelease();
  }

  private maybeRelease(): void {
    if (!this.ended || this.recording || this.liveChannelIds().length > 0) return;
    const { dispatcher, rest } = this.ctx;
    for (const s of [this.agent, this.client]) if (s) dispatcher.unbind(s.channelId);
    if (this.bridgeId) {
      dispatcher.unbind(this.bridgeId);
      void rest.destroyBridge(this.bridgeId).catch(() => undefined);
    }
  }
}
