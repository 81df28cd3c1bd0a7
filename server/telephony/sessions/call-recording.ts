import { updateCall, type RecordingState } from '../../modules/calls/calls.repo.js';
import { AriEventType, type RecordingEvent } from '../ari/ari-types.js';
import { recordingKey } from '../dispatcher.js';
import type { CallScope } from './call-scope.js';

/**
 * The recording of a call, the answered call's bridge or the caller's voice message, and the call row's
 * `recording_name` / `recording_state` kept in step with it: `recording` once Asterisk accepted it, `ready` on
 * RecordingFinished (which comes when the last channel leaves the bridge: TELEPHONY.md "Recording"),
 * `unusable` on RecordingFailed. A recording still `recording` after a reconnect is judged by resync.ts.
 */
export class CallRecording {
  private live?: string;
  /** Row writes in the order their events came, so that `ready` never gives way to a late `recording`. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly scope: CallScope) {}

  /** True from the moment a recording is asked for until it finished or failed: the call is not released before. */
  get isLive(): boolean {
    return this.live !== undefined;
  }

  /**
   * Records as `name` through `begin` (the ARI record request for a bridge or a channel); its events come to
   * this call. Throws what `begin` throws (the recording is then not live and the row untouched).
   */
  async start(name: string, begin: () => Promise<unknown>): Promise<void> {
    this.scope.own(recordingKey(name));
    this.live = name;
    try {
      await begin();
    } catch (err) {
      if (this.live === name) this.live = undefined;
      this.scope.disown(recordingKey(name));
      throw err;
    }
    await this.write({ recording_name: name, recording_state: 'recording' });
  }

  /** RecordingFinished or RecordingFailed of one of this call's recordings: the row says `ready` or `unusable`. */
  ended(e: RecordingEvent): Promise<void> {
    const name = e.recording.name;
    this.scope.disown(recordingKey(name));
    if (this.live === name) this.live = undefined;
    const state: RecordingState = e.type === AriEventType.RecordingFailed ? 'unusable' : 'ready';
    this.scope.log.debug({ name, state, durationSec: e.recording.duration }, 'recording ended');
    return this.write({ recording_state: state });
  }

  /** A recording already running when this process took the call over (a restart): its end comes here. */
  adopt(name: string): void {
    this.scope.own(recordingKey(name));
    this.live = name;
  }

  /** Asterisk lost the recording with its channels: resync.ts decides whether its file is playable. */
  forget(): void {
    this.live = undefined;
  }

  private write(patch: { recording_name?: string; recording_state: RecordingState }): Promise<void> {
    this.writes = this.writes.then(async () => {
      const callId = await this.scope.callId;
      await this.scope.quietly('recording state', updateCall(this.scope.ctx.deps.db, callId, patch));
    });
    return this.writes;
  }
}
