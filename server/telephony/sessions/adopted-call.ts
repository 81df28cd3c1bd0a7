import { emitCallEnded } from '../../modules/calls/calls.events.js';
import { closeCall, updateCall, type CallRow } from '../../modules/calls/calls.repo.js';
import { AriEventType, endpointOfChannel, type AriEvent, type StasisStartEvent } from '../ari/ari-types.js';
import { staffByEndpoint } from '../routing/staff-row.js';
import type { TelephonyContext } from '../context.js';
import type { CallSession } from '../dispatcher.js';
import { CallRecording } from './call-recording.js';
import { CallScope } from './call-scope.js';

/**
 * A call found talking in its bridge after Leadline (re)started (app-disconnect-mid-call trace: Asterisk keeps
 * the channels, the bridge and the recording; nothing is replayed). Watched until one side leaves: then the other
 * side is hung up, the bridge destroyed, and the call row closed `answered` (its talk time counted from the
 * stored answer) once the recording finished, as if nothing had happened. A transfer meanwhile (blind-transfer,
 * attended-transfer traces: a Local channel enters Stasis with `replace_channel`, the transferring phone then
 * leaves with StasisEnd) is followed: the replacement is the call's side now, the transferring phone is hung up,
 * and the call becomes the transfer target's (BridgeBlindTransfer's `exten`, BridgeAttendedTransfer's
 * `transfer_target`).
 */
export class AdoptedCall implements CallSession {
  private readonly scope: CallScope;
  private readonly recording: CallRecording;
  private readonly live: Set<string>;
  /** Channels a transfer replaced: still ours (their transfer events name them), no longer a side of the call. */
  private readonly replaced = new Set<string>();
  private ended = false;

  constructor(
    ctx: TelephonyContext,
    private readonly row: CallRow,
    private readonly bridgeId: string,
    channelIds: string[],
  ) {
    this.scope = new CallScope(ctx, this, Promise.resolve(Number(row.id)), { call: row.id, adopted: true });
    this.recording = new CallRecording(this.scope);
    this.live = new Set(channelIds);
  }

  /** Takes the channels, the bridge and a running recording over; the user is on a call again. */
  start(): void {
    for (const id of this.live) this.scope.own(id);
    this.scope.own(this.bridgeId);
    if (this.row.recording_state === 'recording' && this.row.recording_name) this.recording.adopt(this.row.recording_name);
    if (this.row.user_id) this.scope.ctx.deps.presence.setOnCall(Number(this.row.user_id), true);
    this.scope.onRelease(() => void this.scope.quietly('destroy bridge', this.scope.ctx.rest.destroyBridge(this.bridgeId)));
    this.scope.log.info({ channels: [...this.live] }, 'adopted a call left talking');
  }

  liveChannelIds(): string[] {
    return [...this.live];
  }

  handle(e: AriEvent): void {
    switch (e.type) {
      case AriEventType.StasisStart:
        if (e.replace_channel) this.onReplaced(e);
        return;
      case AriEventType.BridgeBlindTransfer:
        if (e.exten) void this.handedTo(`PJSIP/${e.exten}`);
        return;
      case AriEventType.BridgeAttendedTransfer:
        if (e.transfer_target) void this.handedTo(endpointOfChannel(e.transfer_target.name));
        return;
      case AriEventType.StasisEnd:
      case AriEventType.ChannelDestroyed:
        if (this.replaced.delete(e.channel.id)) return; // the transferring phone, hung up: not a side that left
        if (!this.live.delete(e.channel.id)) return;
        this.scope.disown(e.channel.id);
        void this.end();
        return;
      case AriEventType.RecordingFinished:
      case AriEventType.RecordingFailed:
        void this.recording.ended(e).then(() => this.releaseWhenQuiet());
        return;
      default:
        return;
    }
  }

  /** A transfer put `e.channel` in the place of one side: it is that side now; the transferring phone is hung up. */
  private onReplaced(e: StasisStartEvent): void {
    const old = e.replace_channel?.id ?? '';
    if (this.ended || !this.live.delete(old)) {
      void this.scope.quietly('hang up stray replacement', this.scope.ctx.rest.hangup(e.channel.id));
      return;
    }
    this.replaced.add(old);
    this.live.add(e.channel.id);
    this.scope.own(e.channel.id);
    const userId = this.row.user_id ? Number(this.row.user_id) : null;
    if (userId) this.scope.ctx.deps.presence.setOnCall(userId, false);
    void this.scope.quietly('hang up transferring leg', this.scope.ctx.rest.hangup(old));
  }

  /** The transfer's target (`endpoint`) talks to the caller now: the call is theirs. */
  private async handedTo(endpoint: string): Promise<void> {
    const { deps } = this.scope.ctx;
    const user = await staffByEndpoint(deps.db, endpoint).catch(() => null);
    if (this.ended) return;
    this.row.user_id = user?.id ?? null;
    if (user) deps.presence.setOnCall(user.id, true);
    await this.scope.quietly('call handed over', updateCall(deps.db, Number(this.row.id), { user_id: user?.id ?? null }));
  }

  async lost(): Promise<void> {
    this.live.clear();
    this.recording.forget();
    this.scope.shutdown = true;
    await this.end();
    this.scope.release();
  }

  /** One side left: the other is hung up (Asterisk does not), and the call is closed. */
  private async end(): Promise<void> {
    if (this.ended) return this.releaseWhenQuiet();
    this.ended = true;
    const { deps, rest } = this.scope.ctx;
    for (const id of this.live) void this.scope.quietly('hang up', rest.hangup(id));
    const userId = this.row.user_id ? Number(this.row.user_id) : null;
    if (userId) deps.presence.setOnCall(userId, false);
    const disposition = this.scope.finalDisposition(this.row.answered_at ? 'answered' : 'failed');
    await this.scope.quietly('close call', closeCall(deps.db, Number(this.row.id), disposition));
    if (userId) emitCallEnded(deps, [userId], { callId: Number(this.row.id), disposition });
    this.scope.releaseLater();
    this.releaseWhenQuiet();
  }

  private releaseWhenQuiet(): void {
    if (this.ended && !this.recording.isLive && this.live.size === 0) this.scope.release();
  }
}
