import { EventEmitter } from 'node:events';
import { routeAriRequest, storedRecordingFile } from './fake-ari-routes.js';
import { FakeAriServer } from './fake-ari-server.js';
import { FakePbx } from './fake-pbx.js';
import { FakeTransfers, type FakeAgent } from './fake-transfers.js';
import { cause, type EndpointBehaviour, type FakeAsteriskOptions, type FakeRequest } from './fake-types.js';

export type { EndpointBehaviour, FakeAsteriskOptions, FakeRequest } from './fake-types.js';
export type { FakeAgent } from './fake-transfers.js';

/**
 * A protocol-level fake of Asterisk 22's ARI: real HTTP + WebSocket on loopback, Basic auth / api_key, the REST
 * calls Leadline makes, and events in the order real Asterisk sends them (shared/telephony-traces). It powers
 * the tests and the built-in simulator (TELEPHONY=simulator). This class is what they script: how phones
 * behave, inbound calls, a caller or a phone hanging up, a restart or a crash, REST answering slowly or never.
 * What Asterisk does lives in fake-pbx.ts, its REST calls in fake-ari-routes.ts, HTTP and the event socket in
 * fake-ari-server.ts. Emits `request` ({method, path, query}) for every authorized REST request and `event` for
 * every event sent.
 */
export class FakeAsterisk extends EventEmitter {
  private readonly pbx: FakePbx;
  private readonly server: FakeAriServer;
  private readonly transfers: FakeTransfers;

  constructor(opts: FakeAsteriskOptions) {
    super();
    const app = opts.app ?? 'leadline';
    this.server = new FakeAriServer(
      { username: opts.username, password: opts.password, app, port: opts.port, serviceTimeMs: opts.serviceTimeMs },
      {
        storedFile: (method, path) => storedRecordingFile(this.pbx, method, path),
        route: (method, path, query) => routeAriRequest(this.pbx, method, path, query),
        received: (request) => this.emit('request', request),
      },
    );
    const link = {
      connected: () => this.server.appConnected,
      registered: () => this.server.appRegistered,
      send: (event: Record<string, unknown>) => {
        this.server.broadcast(JSON.stringify(event));
        this.emit('event', event);
      },
    };
    this.pbx = new FakePbx(app, opts.secondMs ?? 1000, link, { defaultBehaviour: opts.defaultBehaviour, createStasisDelayMs: opts.createStasisDelayMs });
    this.transfers = new FakeTransfers(this.pbx);
  }

  /** `http://127.0.0.1:<port>` once started. */
  get url(): string {
    return this.server.url;
  }

  /** The REST requests received, oldest first (the latest 1,000–2,000 in a long run). */
  get requests(): FakeRequest[] {
    return this.server.requests;
  }

  async start(): Promise<this> {
    await this.server.listen();
    return this;
  }

  async close(): Promise<void> {
    this.pbx.stopTimers();
    await this.server.close();
  }

  // ------------------------------------------------------------------ phones and calls

  setEndpoint(endpoint: string, behaviour: EndpointBehaviour): void {
    this.pbx.setEndpoint(endpoint, behaviour);
  }

  /** True while a Stasis application has its event socket open. */
  get appConnected(): boolean {
    return this.server.appConnected;
  }

  /** A call from the trunk: `Stasis(leadline,inbound,<to>)`. Without a connected app it goes to [fallback]. Returns the caller's channel id. */
  placeInbound(p: { from: string; to: string; callerName?: string }): string {
    return this.pbx.placeInbound(p);
  }

  /** The phone of a ringing leg picks up. */
  answer(channelId: string): boolean {
    const c = this.pbx.chans.get(channelId);
    if (!c || c.state !== 'Ringing') return false;
    this.pbx.answer(c);
    return true;
  }

  /** The phone of a ringing leg declines (486 Busy Here, as most desk phones do). */
  decline(channelId: string): boolean {
    const c = this.pbx.chans.get(channelId);
    if (!c || c.state === 'Up') return false;
    this.pbx.destroy(c, cause(17, 486), { hangupRequest: { ...cause(17, 486) } });
    return true;
  }

  /**
   * The far end hangs up: BYE when the call is up, CANCEL while it rings (cause 127, or 16 when the CANCEL
   * carries a Q.850 reason).
   */
  hangupFromPhone(channelId: string, opts: { cancelCause?: 127 | 16 } = {}): boolean {
    const c = this.pbx.chans.get(channelId);
    if (!c) return false;
    if (c.state === 'Up') {
      this.pbx.destroy(c, cause(16), { hangupRequest: {}, softAfterEnd: { cause: 16, soft: true } });
    } else {
      const cc = opts.cancelCause ?? 127;
      this.pbx.destroy(c, cause(cc, 487), { hangupRequest: { cause: cc, tech_cause: 487 }, softAfterEnd: { cause: 16, soft: true, tech_cause: 487 } });
    }
    return true;
  }

  /** The agent on a bridged leg REFERs the caller to `to` (blind transfer); `to` answers after answerAfterMs. Returns the Local channel's id. */
  blindTransfer(agentChannelId: string, to: FakeAgent, answerAfterMs = 40): string {
    return this.transfers.blind(agentChannelId, to, answerAfterMs);
  }

  /** The agent on a bridged leg consults `to` and completes an attended transfer. Returns the Local channel's id. */
  attendedTransfer(agentChannelId: string, to: FakeAgent): string {
    return this.transfers.attended(agentChannelId, to);
  }

  /** Phone `by` picks up the ringing leg with `*8` (group pickup). Returns the picker's channel id. */
  pickup(ringingChannelId: string, by: FakeAgent): string {
    return this.transfers.pickup(ringingChannelId, by);
  }

  /** Live channels as ARI shows them (`GET /channels`), with the endpoint they were made for. */
  /**
   * Channels made by `POST /channels/create` from now on stay out of Stasis (a /dial answers 409) until the
   * returned function is called: they then enter it, in order. Makes the create-then-dial race deterministic.
   */
  holdCreatedStasis(): () => void {
    const held: (() => void)[] = [];
    this.pbx.heldStasis = held;
    return () => {
      this.pbx.heldStasis = null;
      for (const enter of held.splice(0)) enter();
    };
  }

  channels(): { id: string; endpoint: string; state: string; appArgs: string[]; linkedid: string; inStasis: boolean }[] {
    return [...this.pbx.chans.values()].map((c) => ({ id: c.id, endpoint: c.endpoint, state: c.state, appArgs: c.appArgs, linkedid: c.linkedid, inStasis: c.inStasis }));
  }

  recordingFile(name: string): Buffer | null {
    return this.pbx.recordingFile(name);
  }

  // ------------------------------------------------------------------ the PBX misbehaving

  /** Sends anything on the event socket: an event type newer than the client knows, or garbage. */
  sendRaw(message: unknown): void {
    this.server.broadcast(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** `core restart now`: hang up every call with events, close the socket (1006), REST away for downMs. */
  async restart(downMs = 600): Promise<void> {
    for (const c of [...this.pbx.chans.values()]) this.pbx.destroy(c, cause(16), { hangupRequest: { cause: 4, soft: true } });
    this.goDown(downMs, false);
  }

  /** `kill -9`: no events at all, recordings left as a 44-byte header, REST away for downMs. */
  async crash(downMs = 600): Promise<void> {
    this.goDown(downMs, true);
  }

  /** Makes matching REST requests answer after delayMs, or never ('hang'). Returns the undo. */
  slowRest(match: (method: string, path: string) => boolean, delayMs: number | 'hang'): () => void {
    return this.server.slowRest(match, delayMs);
  }

  private goDown(downMs: number, crash: boolean): void {
    this.pbx.vanish(crash);
    this.server.goDown(downMs);
  }
}
