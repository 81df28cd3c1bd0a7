import type { CallRecording } from './call-recording.js';
import type { CallScope } from './call-scope.js';

/**
 * The mixing bridge of a call, in which both parties talk and are recorded as one file: made once (the first
 * request is shared by everyone who asks), channels added to it, recorded, destroyed when the call is released
 * ("already gone" is fine: ari-rest.ts).
 */
export class BridgedCall {
  private bridgeId: Promise<string | null> = Promise.resolve(null);
  private requested = false;
  private released = false;

  constructor(
    private readonly scope: CallScope,
    /** The bridge's name in Asterisk (`call-<caller channel>`, `c2c-<call id>`): how it is found again on `GET /bridges`. */
    private readonly name: string,
  ) {
    scope.onRelease(() => this.release());
  }

  /** Makes the bridge if nobody asked yet; resolves with its id, or null when Asterisk refused (logged). */
  make(): Promise<string | null> {
    if (this.requested) return this.bridgeId;
    this.requested = true;
    const { rest } = this.scope.ctx;
    this.bridgeId = rest.createBridge({ type: 'mixing', name: this.name }).then(
      (b) => {
        if (!this.released) this.scope.own(b.id);
        return b.id;
      },
      (err: unknown) => {
        this.scope.log.warn({ err: (err as Error).message }, 'bridge creation failed');
        return null;
      },
    );
    return this.bridgeId;
  }

  /**
   * Puts channels into the bridge, making it first when needed (a failed attempt is tried once more). Throws
   * when no bridge can be made, or when Asterisk refuses a channel (400 "Channel not found").
   */
  async join(channelIds: string[]): Promise<void> {
    let id = await this.make();
    if (!id) {
      this.requested = false;
      id = await this.make();
    }
    if (!id) throw new Error('no bridge');
    await this.scope.ctx.rest.addChannel(id, channelIds);
  }

  /** Records what the bridge mixes as `name` (WAV, no beep), through the call's recording. Throws when refused. */
  async record(recording: CallRecording, name: string): Promise<void> {
    const id = await this.bridgeId;
    if (!id) throw new Error('no bridge to record');
    const { rest } = this.scope.ctx;
    await recording.start(name, () => rest.recordBridge(id, { name, format: 'wav', ifExists: 'overwrite', beep: false, terminateOn: 'none' }));
  }

  private release(): void {
    this.released = true;
    void this.bridgeId.then((id) => (id ? this.scope.quietly('destroy bridge', this.scope.ctx.rest.destroyBridge(id)) : undefined));
  }
}
