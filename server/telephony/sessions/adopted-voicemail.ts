import type { CallDisposition } from '../../api-types.js';
import { closeCall, type CallRow } from '../../modules/calls/calls.repo.js';
import { leaveMissedCallTask } from '../../modules/calls/leave-missed-call-task.js';
import { AriEventType, type AriEvent } from '../ari/ari-types.js';
import type { TelephonyContext } from '../context.js';
import type { CallSession } from '../dispatcher.js';
import { CallRecording } from './call-recording.js';
import { CallScope } from './call-scope.js';
import { messageName, recordMessage } from './voicemail.js';

/**
 * A caller found at the voicemail step after Leadline (re)started (app-disconnect traces: Asterisk keeps the
 * channel and its recording; nothing is replayed). The caller is not routed again — phones ringing while they
 * leave a message would be worse than no restart at all. A message being recorded goes on; a caller still hearing
 * the prompt is recorded at once. When the message ends (`#`, the two-minute limit) the caller is hung up; when
 * the caller hangs up the call ends `voicemail` (a message was being recorded) or `abandoned`, and the task for
 * the lead's owner (else the department) is left as for any voice message.
 */
export class AdoptedVoicemail implements CallSession {
  private readonly scope: CallScope;
  private readonly recording: CallRecording;
  private messageName?: string;
  private callerGone = false;
  private ended = false;

  constructor(
    ctx: TelephonyContext,
    private readonly row: CallRow,
    private readonly callerChannelId: string,
  ) {
    this.scope = new CallScope(ctx, this, Promise.resolve(Number(row.id)), { call: row.id, adopted: 'voicemail' });
    this.recording = new CallRecording(this.scope);
  }

  /** Takes the caller and their message over, or starts recording it when the prompt was still playing. */
  async start(): Promise<void> {
    this.scope.own(this.callerChannelId);
    const name = messageName(Number(this.row.id));
    this.messageName = name;
    if (this.row.recording_state === 'recording' && this.row.recording_name === name) {
      this.recording.adopt(name);
      this.scope.log.info('adopted a caller leaving a voice message');
      return;
    }
    try {
      await recordMessage(this.scope, this.recording, this.callerChannelId, name);
    } catch (err) {
      this.messageName = undefined;
      this.scope.log.error({ err: (err as Error).message }, 'voicemail recording failed after a restart');
      await this.finish('missed');
    }
  }

  liveChannelIds(): string[] {
    return this.callerGone ? [] : [this.callerChannelId];
  }

  handle(e: AriEvent): void {
    switch (e.type) {
      case AriEventType.StasisEnd:
      case AriEventType.ChannelDestroyed:
        if (e.channel.id !== this.callerChannelId || this.callerGone) return;
        this.callerGone = true;
        this.scope.disown(e.channel.id);
        void this.finish(this.messageName ? 'voicemail' : 'abandoned');
        return;
      case AriEventType.RecordingFinished:
      case AriEventType.RecordingFailed:
        void this.recording.ended(e).then(async () => {
          if (e.type === AriEventType.RecordingFinished && e.recording.name === this.messageName) await this.finish('voicemail');
          this.releaseWhenQuiet();
        });
        return;
      default:
        return;
    }
  }

  async lost(): Promise<void> {
    this.callerGone = true;
    this.recording.forget();
    this.scope.shutdown = true;
    await this.finish('failed');
  }

  private async finish(disposition: Exclude<CallDisposition, 'answered'>): Promise<void> {
    if (this.ended) return this.releaseWhenQuiet();
    this.ended = true;
    const { deps, rest } = this.scope.ctx;
    if (!this.callerGone) void this.scope.quietly('hang up caller', rest.hangup(this.callerChannelId));
    const final = this.scope.finalDisposition(disposition);
    await this.scope.quietly('close call', closeCall(deps.db, Number(this.row.id), final));
    if (final !== 'answered') {
      const leadId = this.row.lead_id === null ? null : Number(this.row.lead_id);
      const task = async () => {
        const lead = leadId === null ? undefined : await deps.db('leads').where('id', leadId).first('owner_id');
        const ownerId = lead?.owner_id === null || lead?.owner_id === undefined ? null : Number(lead.owner_id);
        const departmentId = this.row.department_id === null ? null : Number(this.row.department_id);
        await leaveMissedCallTask(deps, { disposition: final, callerNumber: this.row.client_number, leadId, ownerId, departmentId });
      };
      await this.scope.quietly('voicemail task', task());
    }
    this.scope.releaseLater();
    this.releaseWhenQuiet();
  }

  private releaseWhenQuiet(): void {
    if (this.ended && !this.recording.isLive && this.callerGone) this.scope.release();
  }
}
