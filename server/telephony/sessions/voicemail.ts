import crypto from 'node:crypto';
import { playbackKey } from '../dispatcher.js';
import type { CallRecording } from './call-recording.js';
import type { CallScope } from './call-scope.js';
import type { Legs } from './legs.js';

/** The recording name of call `callId`'s voice message. */
export function messageName(callId: number): string {
  return `leadline-vm-${callId}`;
}

/** Records the caller's message as `name` (beep, `#` ends it, two minutes at most); throws what ARI answers. */
export function recordMessage(scope: CallScope, recording: CallRecording, callerChannelId: string, name: string): Promise<void> {
  return recording.start(name, () =>
    scope.ctx.rest.recordChannel(callerChannelId, { name, format: 'wav', maxDurationSeconds: 120, beep: true, terminateOn: '#', ifExists: 'overwrite' }),
  );
}

/** What the call tells its voicemail, and is told by it. */
export interface VoicemailHost {
  /** False once the call ended or the caller left: nothing more is recorded. */
  wanted(): boolean;
  /** Asterisk refused to record the message (logged): nobody took the call. */
  failed(): Promise<void>;
}

/**
 * The voicemail step of the routing chain: the caller is answered and hears the prompt (`sound:vm-intro`), then
 * is recorded as `leadline-vm-<call id>` (beep, `#` ends it, two minutes at most). The prompt's
 * PlaybackFinished starts the recording; a prompt that cannot be played records at once.
 */
export class Voicemail {
  private messageName?: string;

  constructor(
    private readonly scope: CallScope,
    private readonly callerChannelId: string,
    private readonly recording: CallRecording,
    private readonly host: VoicemailHost,
  ) {}

  /** The voicemail step is noted among the call's legs, then the prompt plays (or, when it cannot, recording starts). */
  async start(legs: Legs<unknown>): Promise<void> {
    legs.note({ step: 'voicemail', target: 'voicemail', userId: null, channelId: this.callerChannelId });
    if (!(await this.prompt())) await this.record();
  }

  /** Records the caller (the prompt's PlaybackFinished, or at once): a refusal is the host's `failed`. */
  async record(): Promise<void> {
    if (!this.host.wanted()) return;
    if (!(await this.recordCaller())) await this.host.failed();
  }

  /** True once the caller's message is being (or has been) recorded. */
  get hasMessage(): boolean {
    return this.messageName !== undefined;
  }

  isMessage(recordingName: string): boolean {
    return recordingName === this.messageName;
  }

  /** Answers the caller and plays the prompt; resolves false when that failed (logged): record at once then. */
  private async prompt(): Promise<boolean> {
    const { rest } = this.scope.ctx;
    const playbackId = `ll-pb-${crypto.randomUUID()}`;
    this.scope.own(playbackKey(playbackId));
    try {
      await rest.answer(this.callerChannelId);
      await rest.play(this.callerChannelId, { media: 'sound:vm-intro', playbackId });
      return true;
    } catch (err) {
      this.scope.log.warn({ err: (err as Error).message }, 'voicemail prompt failed; recording straight away');
      return false;
    }
  }

  /** Records the caller's message (once); resolves false when Asterisk refused to record (logged). */
  private async recordCaller(): Promise<boolean> {
    if (this.messageName) return true;
    const callId = await this.scope.callId;
    const name = messageName(callId);
    this.messageName = name;
    try {
      await recordMessage(this.scope, this.recording, this.callerChannelId, name);
      return true;
    } catch (err) {
      this.scope.log.error({ err: (err as Error).message }, 'voicemail recording failed');
      return false;
    }
  }
}
