import type { CallDisposition } from '../../api-types.js';
import type { Logger } from '../../logger.js';
import { SoftHangupFlag, type ChannelEvent } from '../ari/ari-types.js';
import type { TelephonyContext } from '../context.js';
import type { CallSession } from '../dispatcher.js';

/** How long an ended call waits for its last events (recording finished, legs destroyed) before it is let go. */
const RELEASE_GRACE_MS = 60_000;

/**
 * What every part of one call (its legs, bridge, recording, voicemail) works with: the telephony context, the
 * call row's id, a logger, and the ARI ids the call owns (channels, bridge, recordings, playbacks), bound in the
 * dispatcher so that their events reach the session, and let go all together when the call is released.
 */
export class CallScope {
  /** Set when Asterisk shuts down under the call: it then ends `failed`, whatever it would have been. */
  shutdown = false;
  private logger?: Logger;
  private readonly owned = new Set<string>();
  private readonly releaseHooks: (() => void)[] = [];
  private released = false;
  private releaseTimer?: NodeJS.Timeout;

  constructor(
    readonly ctx: TelephonyContext,
    private readonly session: CallSession,
    /** The call row's id (`calls.id`): known at once for click-to-call, after the first dial for an inbound call. */
    readonly callId: Promise<number>,
    private readonly logFields: Record<string, unknown>,
  ) {}

  /** The call's logger, made when first used: nothing that can wait is done before the first phone rings. */
  get log(): Logger {
    return (this.logger ??= this.ctx.deps.log.child(this.logFields));
  }

  /** Events about this ARI id (a channel id, bridge id, `recordingKey`, `playbackKey`) go to this call. */
  own(key: string): void {
    this.owned.add(key);
    this.ctx.dispatcher.bind(key, this.session);
  }

  /** That id is done (its channel destroyed, its recording finished): its events no longer come here. */
  disown(key: string): void {
    this.owned.delete(key);
    this.ctx.dispatcher.unbind(key);
  }

  /**
   * Notes a ChannelHangupRequest: a soft one with flag 4 means Asterisk is shutting down (TELEPHONY.md: soft
   * causes are flags, not Q.850 causes; dispositions are judged by ChannelDestroyed.cause).
   */
  noteHangupRequest(e: ChannelEvent): void {
    if (e.soft && e.cause === SoftHangupFlag.Shutdown) this.shutdown = true;
  }

  /** The disposition to store: `failed` when Asterisk shut down under the call. */
  finalDisposition(disposition: CallDisposition): CallDisposition {
    return this.shutdown ? 'failed' : disposition;
  }

  /** Runs `hook` when the call is released (e.g. destroy its bridge). */
  onRelease(hook: () => void): void {
    this.releaseHooks.push(hook);
  }

  /** An ended call is let go after the grace period at the latest: a lost last event must not keep it in memory. */
  releaseLater(): void {
    clearTimeout(this.releaseTimer);
    this.releaseTimer = setTimeout(() => this.release(), RELEASE_GRACE_MS);
    this.releaseTimer.unref();
  }

  /** Lets the call go, once: every id it owns goes back to nobody, and the release hooks run. */
  release(): void {
    if (this.released) return;
    this.released = true;
    clearTimeout(this.releaseTimer);
    for (const key of this.owned) this.ctx.dispatcher.unbind(key);
    this.owned.clear();
    for (const hook of this.releaseHooks) hook();
  }

  /** Awaits `p`, logging a failure as "<what> failed" instead of throwing: for the work a call survives without. */
  async quietly(what: string, p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, `${what} failed`);
    }
  }
}
