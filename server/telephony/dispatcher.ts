import type { Logger } from '../logger.js';
import { AriEventType, type AriEvent, type StasisStartEvent } from './ari/ari-types.js';

/** A call in progress: receives every ARI event about its channels, bridge, recordings and playbacks. */
export interface CallSession {
  handle(event: AriEvent): void;
  /** Channels this session still believes alive (resynchronisation compares them with Asterisk's). */
  liveChannelIds(): string[];
  /** Asterisk lost the channels (crash/restart): close the call as failed. */
  lost(): Promise<void>;
}

export const recordingKey = (name: string) => `rec:${name}`;
export const playbackKey = (id: string) => `pb:${id}`;

/**
 * One map from ARI ids (channels, bridges, recordings, playbacks) to the session that owns them; each event goes
 * to exactly one session. A StasisStart nobody owns yet is a new call, handed to `onNewChannel`.
 */
export class Dispatcher {
  private readonly owners = new Map<string, CallSession>();

  constructor(
    private readonly onNewChannel: (event: StasisStartEvent) => void,
    private readonly log: Logger,
  ) {}

  bind(key: string, session: CallSession): void {
    this.owners.set(key, session);
  }

  unbind(key: string): void {
    this.owners.delete(key);
  }

  /** True when a session owns this id. */
  has(key: string): boolean {
    return this.owners.has(key);
  }

  sessions(): CallSession[] {
    return [...new Set(this.owners.values())];
  }

  dispatch(event: AriEvent): void {
    let session = this.owners.get(keyOf(event) ?? '');
    // A transfer or a pickup brings a new channel in place of one of ours (replace_channel): it is that call's.
    if (!session && event.type === AriEventType.StasisStart && event.replace_channel) session = this.owners.get(event.replace_channel.id);
    if (session) {
      session.handle(event);
      return;
    }
    if (event.type === AriEventType.StasisStart) this.onNewChannel(event);
    else this.log.trace({ type: event.type }, 'ARI event for no session');
  }
}

function keyOf(e: AriEvent): string | null {
  switch (e.type) {
    case AriEventType.Dial:
      return e.peer.id;
    case AriEventType.RecordingStarted:
    case AriEventType.RecordingFinished:
    case AriEventType.RecordingFailed:
      return recordingKey(e.recording.name);
    case AriEventType.PlaybackStarted:
    case AriEventType.PlaybackFinished:
      return playbackKey(e.playback.id);
    case AriEventType.BridgeDestroyed:
      return e.bridge.id;
    case AriEventType.BridgeAttendedTransfer:
      return e.transferer_first_leg?.id ?? null;
    default:
      return e.channel?.id ?? null;
  }
}
