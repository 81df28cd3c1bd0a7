import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import crypto from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { resourceDeclaration, resourceListing } from './api-docs.js';
import { headerOnlyWav, toneWav } from './wav.js';

/**
 * A protocol-level fake of Asterisk 22's ARI: real HTTP + WebSocket on loopback, Basic auth / api_key, the REST
 * calls Leadline makes, and events in the order real Asterisk sends them (shared/telephony-traces). It powers
 * the tests and the built-in simulator (TELEPHONY=simulator), and can be told how phones behave, to place
 * inbound calls, to hang up as a caller, to restart or crash, and to answer slowly or never.
 */

/** How a dialled phone behaves. */
export type EndpointBehaviour =
  | { kind: 'answer'; afterMs: number }
  /** Rings until answered by hand (simulator), hung up, or the dial timeout (cause 19). */
  | { kind: 'ring' }
  /** 486 Busy Here: cause 17, ~2 ms after the dial. */
  | { kind: 'busy' }
  /** Contact unreachable: hang-up request without cause, destroyed with cause 16, at once. */
  | { kind: 'unreachable' }
  /** Contact swallows SIP: cause 18 after SIP timer B (32 s of Asterisk time). */
  | { kind: 'noResponse' }
  /** No such endpoint: 500 {"error":"Allocation failed"}. */
  | { kind: 'unknown' };

export interface FakeAsteriskOptions {
  username: string;
  password: string;
  app?: string;
  port?: number;
  /** How long one second of Asterisk time (dial/originate timeouts, timer B, recording length) lasts here. */
  secondMs?: number;
  /** Delay between `POST /channels/create`'s answer and its StasisStart (real Asterisk: ~1 ms). */
  createStasisDelayMs?: number;
  /** Behaviour of an endpoint nobody configured with setEndpoint(). Default: rings. */
  defaultBehaviour?: (endpoint: string, appArgs: string[]) => EndpointBehaviour;
}

export interface FakeRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
}

type Cause = { cause: number; cause_txt: string; tech_cause?: number };
const CAUSE_TXT: Record<number, string> = {
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  127: 'Interworking, unspecified',
};
const cause = (c: number, tech?: number): Cause => ({ cause: c, cause_txt: CAUSE_TXT[c] ?? 'Unknown', ...(tech ? { tech_cause: tech } : {}) });

interface Chan {
  id: string;
  name: string;
  state: 'Down' | 'Ring' | 'Ringing' | 'Up';
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  dialplan: { context: string; exten: string; priority: number; app_name: string; app_data: string };
  creationtime: string;
  linkedid: string;
  endpoint: string;
  appArgs: string[];
  inStasis: boolean;
  originated: boolean;
  dialled: boolean;
  bridgeId?: string;
  timers: NodeJS.Timeout[];
  behaviour: EndpointBehaviour;
  recordingName?: string;
  playback?: { id: string; media: string; timer: NodeJS.Timeout };
  variables: Record<string, string>;
}

interface Bridge {
  id: string;
  name: string;
  channels: string[];
  creationtime: string;
  recordingName?: string;
}

interface Recording {
  name: string;
  format: string;
  targetUri: string;
  startedAt: number;
  live: boolean;
  maxTimer?: NodeJS.Timeout;
  file?: Buffer;
}

class RestError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`fake ARI ${status}`);
  }
}

const nowIso = () => new Date().toISOString().replace('Z', '+0000');

/** The REST requests kept for tests to inspect; a long-running simulator keeps the latest ones only. */
const MAX_REQUESTS_KEPT = 2000;

export class FakeAsterisk extends EventEmitter {
  /** The REST requests received, oldest first; past MAX_REQUESTS_KEPT the older half is dropped. */
  readonly requests: FakeRequest[] = [];
  private server?: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly chans = new Map<string, Chan>();
  private readonly bridges = new Map<string, Bridge>();
  private readonly recordings = new Map<string, Recording>();
  private readonly endpoints = new Map<string, EndpointBehaviour>();
  private faults: { match: (method: string, path: string) => boolean; delayMs: number | 'hang' }[] = [];
  private down = false;
  private seq = 0;
  private readonly epoch = Math.floor(Date.now() / 1000);
  private readonly app: string;
  private readonly secondMs: number;
  url = '';

  constructor(private readonly opts: FakeAsteriskOptions) {
    super();
    this.app = opts.app ?? 'leadline';
    this.secondMs = opts.secondMs ?? 1000;
  }

  async start(): Promise<this> {
    const server = http.createServer((req, res) => void this.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const c of this.chans.values()) c.timers.forEach(clearTimeout);
    for (const r of this.recordings.values()) clearTimeout(r.maxTimer);
    for (const ws of this.sockets) ws.terminate();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // ------------------------------------------------------------------ scripting

  setEndpoint(endpoint: string, behaviour: EndpointBehaviour): void {
    this.endpoints.set(endpoint, behaviour);
  }

  /** True while a Stasis application has its event socket open. */
  get appConnected(): boolean {
    return this.sockets.size > 0;
  }

  /** A call from the trunk: `Stasis(leadline,inbound,<to>)`. Without a connected app it goes to [fallback]. */
  placeInbound(p: { from: string; to: string; callerName?: string }): string {
    const id = `${this.epoch}.${this.seq++}`;
    const c = this.newChan({ id, endpoint: 'PJSIP/trunk', appArgs: ['inbound', p.to], caller: { name: p.callerName ?? '', number: p.from } });
    c.state = 'Ring';
    c.dialplan = { context: 'from-trunk', exten: p.to, priority: 1, app_name: 'Stasis', app_data: `${this.app},inbound,${p.to}` };
    if (!this.appConnected) {
      c.variables.STASISSTATUS = 'FAILED';
      c.dialplan = { context: 'fallback', exten: p.to, priority: 1, app_name: 'Dial', app_data: '' };
      return id;
    }
    c.inStasis = true;
    this.send('StasisStart', { args: c.appArgs, channel: this.chanJson(c) });
    return id;
  }

  /** The phone of a ringing leg picks up. */
  answer(channelId: string): boolean {
    const c = this.chans.get(channelId);
    if (!c || c.state !== 'Ringing') return false;
    this.answerChan(c);
    return true;
  }

  /** The phone of a ringing leg declines (486 Busy Here, as most desk phones do). */
  decline(channelId: string): boolean {
    const c = this.chans.get(channelId);
    if (!c || c.state === 'Up') return false;
    this.destroy(c, cause(17, 486), { hangupRequest: { ...cause(17, 486) } });
    return true;
  }

  /**
   * The far end hangs up: BYE when the call is up, CANCEL while it rings (cause 127, or 16 when the CANCEL
   * carries a Q.850 reason).
   */
  hangupFromPhone(channelId: string, opts: { cancelCause?: 127 | 16 } = {}): boolean {
    const c = this.chans.get(channelId);
    if (!c) return false;
    if (c.state === 'Up') {
      this.destroy(c, cause(16), { hangupRequest: {}, softAfterEnd: { cause: 16, soft: true } });
    } else {
      const cc = opts.cancelCause ?? 127;
      this.destroy(c, cause(cc, 487), { hangupRequest: { cause: cc, tech_cause: 487 }, softAfterEnd: { cause: 16, soft: true, tech_cause: 487 } });
    }
    return true;
  }

  /** Sends anything on the event socket: an event type newer than the client knows, or garbage. */
  sendRaw(message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    for (const ws of this.sockets) ws.send(text);
  }

  /** Live channels as ARI shows them (`GET /channels`), with the endpoint they were made for. */
  channels(): { id: string; endpoint: string; state: string; appArgs: string[]; linkedid: string; inStasis: boolean }[] {
    return [...this.chans.values()].map((c) => ({ id: c.id, endpoint: c.endpoint, state: c.state, appArgs: c.appArgs, linkedid: c.linkedid, inStasis: c.inStasis }));
  }

  recordingFile(name: string): Buffer | null {
    const r = this.recordings.get(name);
    if (!r) return null;
    return r.file ?? toneWav(this.asteriskSeconds(Date.now() - r.startedAt));
  }

  /** `core restart now`: hang up every call with events, close the socket (1006), REST away for downMs. */
  async restart(downMs = 600): Promise<void> {
    for (const c of [...this.chans.values()]) {
      this.destroy(c, cause(16), { hangupRequest: { cause: 4, soft: true } });
    }
    this.goDown(downMs, false);
  }

  /** `kill -9`: no events at all, recordings left as a 44-byte header, REST away for downMs. */
  async crash(downMs = 600): Promise<void> {
    this.goDown(downMs, true);
  }

  /** Makes matching REST requests answer after delayMs, or never ('hang'). Returns the undo. */
  slowRest(match: (method: string, path: string) => boolean, delayMs: number | 'hang'): () => void {
    const fault = { match, delayMs };
    this.faults.push(fault);
    return () => {
      this.faults = this.faults.filter((f) => f !== fault);
    };
  }

  // ------------------------------------------------------------------ internals

  private asteriskSeconds(ms: number): number {
    return ms / this.secondMs;
  }

  private goDown(downMs: number, crash: boolean): void {
    for (const c of this.chans.values()) c.timers.forEach(clearTimeout);
    for (const r of this.recordings.values()) {
      clearTimeout(r.maxTimer);
      if (r.live) {
        r.live = false;
        r.file = crash ? headerOnlyWav() : toneWav(this.asteriskSeconds(Date.now() - r.startedAt));
      }
    }
    this.chans.clear();
    this.bridges.clear();
    this.down = true;
    for (const ws of this.sockets) ws.terminate(); // no close frame: the client sees 1006
    this.sockets.clear();
    setTimeout(() => (this.down = false), downMs).unref();
  }

  private newChan(p: { id: string; endpoint: string; appArgs: string[]; caller: { name: string; number: string }; linkedid?: string }): Chan {
    const resource = p.endpoint.split('/')[1] ?? p.endpoint;
    const label = resource.includes('@') ? resource.split('@')[1] : resource;
    const c: Chan = {
      id: p.id,
      name: `${p.endpoint.split('/')[0]}/${label}-${(this.seq++).toString(16).padStart(8, '0')}`,
      state: 'Down',
      caller: p.caller,
      connected: { name: '', number: '' },
      dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
      creationtime: nowIso(),
      linkedid: p.linkedid ?? p.id,
      endpoint: p.endpoint,
      appArgs: p.appArgs,
      inStasis: false,
      originated: false,
      dialled: false,
      timers: [],
      behaviour: this.behaviourOf(p.endpoint, p.appArgs),
      variables: {},
    };
    this.chans.set(c.id, c);
    return c;
  }

  private behaviourOf(endpoint: string, appArgs: string[]): EndpointBehaviour {
    return this.endpoints.get(endpoint) ?? this.opts.defaultBehaviour?.(endpoint, appArgs) ?? { kind: 'ring' };
  }

  private chanJson(c: Chan): unknown {
    return {
      id: c.id,
      name: c.name,
      state: c.state,
      protocol_id: '',
      caller: c.caller,
      connected: c.connected,
      accountcode: '',
      dialplan: c.dialplan,
      creationtime: c.creationtime,
      language: 'en',
      channelvars: { 'CHANNEL(linkedid)': c.linkedid },
    };
  }

  private bridgeJson(b: Bridge): unknown {
    return {
      id: b.id,
      technology: b.channels.length > 1 ? 'softmix' : 'simple_bridge',
      bridge_type: 'mixing',
      bridge_class: 'stasis',
      creator: 'Stasis',
      name: b.name,
      channels: [...b.channels],
      creationtime: b.creationtime,
      video_mode: 'talker',
    };
  }

  private send(type: string, body: Record<string, unknown>): void {
    const event = { type, timestamp: nowIso(), ...body, asterisk_id: '02:fc:00:00:00:01', application: this.app };
    const text = JSON.stringify(event);
    for (const ws of this.sockets) ws.send(text);
    this.emit('event', event);
  }

  private later(c: Chan | null, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      if (c) c.timers = c.timers.filter((x) => x !== t);
      fn();
    }, ms);
    c?.timers.push(t);
  }

  /** The dial is on its way: ringing, busy, unreachable, silent, or answering later. */
  private startDial(c: Chan, timeoutSec: number): void {
    c.dialled = true;
    const resource = c.endpoint.split('/').slice(1).join('/');
    this.send('Dial', { peer: this.chanJson(c), dialstatus: '', forward: '', dialstring: resource });
    const b = c.behaviour;
    switch (b.kind) {
      case 'busy':
        this.later(c, 2, () => this.destroy(c, cause(17, 486), { hangupRequest: { cause: 17, tech_cause: 486 } }));
        return;
      case 'unreachable':
        this.later(c, 1, () => this.destroy(c, cause(16), { hangupRequest: {} }));
        return;
      case 'noResponse':
        this.later(c, 32 * this.secondMs, () => this.destroy(c, cause(18, 408), { hangupRequest: { cause: 18, tech_cause: 408 } }));
        return;
      default:
        break;
    }
    this.later(c, 1, () => {
      if (!this.chans.has(c.id)) return;
      c.state = 'Ringing';
      this.send('ChannelStateChange', { channel: this.chanJson(c) });
      this.send('Dial', { peer: this.chanJson(c), dialstatus: 'RINGING', forward: '', dialstring: c.originated ? resource : '' });
      if (b.kind === 'answer') this.later(c, b.afterMs, () => this.answerChan(c));
    });
    this.later(c, timeoutSec * this.secondMs, () => {
      if (c.state === 'Up') return;
      this.destroy(c, cause(19, 480), { hangupRequest: { cause: 32, soft: true } });
    });
  }

  private answerChan(c: Chan): void {
    if (!this.chans.has(c.id) || c.state === 'Up') return;
    c.timers.forEach(clearTimeout);
    c.timers = [];
    c.state = 'Up';
    this.send('ChannelStateChange', { channel: this.chanJson(c) });
    this.send('Dial', { peer: this.chanJson(c), dialstatus: 'ANSWER', forward: '', dialstring: '' });
    if (c.originated && !c.inStasis) {
      c.inStasis = true;
      c.dialplan = { ...c.dialplan, app_name: 'Stasis', app_data: `${this.app},${c.appArgs.join(',')}` };
      this.send('StasisStart', { args: c.appArgs, channel: this.chanJson(c) });
    }
  }

  /**
   * A channel goes away, in Asterisk's order: hang-up request → left bridge (→ recording finished when the
   * bridge empties) → StasisEnd → [soft hang-up] → ChannelDestroyed with the Q.850 cause.
   */
  private destroy(c: Chan, final: Cause, steps: { hangupRequest: Record<string, unknown>; softAfterEnd?: Record<string, unknown> }): void {
    if (!this.chans.has(c.id)) return;
    c.timers.forEach(clearTimeout);
    c.timers = [];
    this.send('ChannelHangupRequest', { ...steps.hangupRequest, channel: this.chanJson(c) });
    if (c.playback) {
      clearTimeout(c.playback.timer);
      this.send('PlaybackFinished', { playback: { id: c.playback.id, media_uri: c.playback.media, target_uri: `channel:${c.id}`, language: 'en', state: 'done' } });
      c.playback = undefined;
    }
    if (c.recordingName) this.finishRecording(c.recordingName);
    if (c.bridgeId) this.leaveBridge(c);
    if (c.inStasis) {
      c.inStasis = false;
      this.send('StasisEnd', { channel: this.chanJson(c) });
    }
    if (steps.softAfterEnd) this.send('ChannelHangupRequest', { ...steps.softAfterEnd, channel: this.chanJson(c) });
    this.chans.delete(c.id);
    this.send('ChannelDestroyed', { ...final, channel: { ...(this.chanJson(c) as object), dialplan: { ...c.dialplan, app_name: '', app_data: '' } } });
  }

  private leaveBridge(c: Chan): void {
    const b = c.bridgeId ? this.bridges.get(c.bridgeId) : undefined;
    c.bridgeId = undefined;
    if (!b) return;
    b.channels = b.channels.filter((id) => id !== c.id);
    this.send('ChannelLeftBridge', { bridge: this.bridgeJson(b), channel: this.chanJson(c) });
    if (b.channels.length === 0 && b.recordingName) {
      this.finishRecording(b.recordingName);
      b.recordingName = undefined;
    }
  }

  private finishRecording(name: string): void {
    const r = this.recordings.get(name);
    if (!r || !r.live) return;
    clearTimeout(r.maxTimer);
    r.live = false;
    const seconds = this.asteriskSeconds(Date.now() - r.startedAt);
    r.file = toneWav(seconds);
    this.send('RecordingFinished', { recording: { name, format: r.format, state: 'done', target_uri: r.targetUri, duration: Math.round(seconds) } });
  }

  private startRecording(name: string, format: string, targetUri: string, ifExists: string | undefined, maxSec = 0): unknown {
    if (format !== 'wav' && format !== 'gsm' && format !== 'ulaw') throw new RestError(422, { message: 'specified format is unknown on this system' });
    const existing = this.recordings.get(name);
    if (existing?.live) throw new RestError(409, { message: 'Recording with same name already in progress' });
    if (existing && ifExists === 'fail') throw new RestError(422, { message: 'Recording with same name already exists on the system' });
    const r: Recording = { name, format, targetUri, startedAt: Date.now(), live: true };
    this.recordings.set(name, r);
    if (maxSec > 0) {
      r.maxTimer = setTimeout(() => this.finishRecording(name), maxSec * this.secondMs);
      r.maxTimer.unref();
    }
    setImmediate(() => this.send('RecordingStarted', { recording: { name, format, state: 'recording', target_uri: targetUri } }));
    return { name, format, state: 'queued', target_uri: targetUri };
  }

  // ------------------------------------------------------------------ HTTP

  private authorized(req: http.IncomingMessage, query: URLSearchParams): boolean {
    const expected = `${this.opts.username}:${this.opts.password}`;
    const header = req.headers.authorization;
    if (header?.startsWith('Basic ') && Buffer.from(header.slice(6), 'base64').toString() === expected) return true;
    return query.get('api_key') === expected;
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.down) return void socket.destroy();
    const url = new URL(req.url ?? '/', 'http://fake');
    const refuse = (status: number, type: string, body: string, extra = '') =>
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`);
    if (url.pathname !== '/ari/events') return void refuse(400, 'text/html', '<html><body><h1>Bad Request</h1></body></html>');
    if (!this.authorized(req, url.searchParams))
      return void refuse(401, 'application/json', '{"message":"Authentication required"}', 'WWW-Authenticate: Basic realm="Asterisk REST Interface"\r\n');
    if (url.searchParams.get('app') !== this.app) return void refuse(400, 'text/html', '<html><body><h1>Bad Request</h1></body></html>');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('error', () => this.sockets.delete(ws));
    });
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.down) return void req.socket.destroy();
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams.entries());
    const path = url.pathname.replace(/^\/ari/, '');
    const method = req.method ?? 'GET';
    const json = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-cache, no-store', server: 'Asterisk/22.10.1', 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    if (url.pathname.startsWith('/ari/api-docs/')) {
      const basePath = `http://${req.headers.host}/ari`;
      const name = url.pathname.slice('/ari/api-docs/'.length).replace(/\.json$/, '');
      const doc = name === 'resources' ? resourceListing(basePath) : resourceDeclaration(name, basePath);
      return doc ? json(200, doc) : json(404, { message: 'Not found' });
    }
    if (!url.pathname.startsWith('/ari/')) return json(404, { message: 'Not found' });
    if (!this.authorized(req, url.searchParams)) return json(401, { message: 'Authentication required' }, { 'www-authenticate': 'Basic realm="Asterisk REST Interface"' });
    this.requests.push({ at: Date.now(), method, path, query });
    if (this.requests.length > MAX_REQUESTS_KEPT) this.requests.splice(0, this.requests.length - MAX_REQUESTS_KEPT / 2);
    this.emit('request', { method, path, query });
    const fault = this.faults.find((f) => f.match(method, path));
    if (fault) {
      const delayMs = fault.delayMs;
      if (delayMs === 'hang') return; // never answers
      await new Promise((r) => setTimeout(r, delayMs));
      if (this.down) return void req.socket.destroy();
    }
    try {
      const file = this.storedFile(method, path);
      if (file) {
        res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': file.length, server: 'Asterisk/22.10.1' });
        return void res.end(file);
      }
      const out = this.route(method, path, query);
      json(out.status, out.body);
      out.after?.();
    } catch (err) {
      if (err instanceof RestError) return json(err.status, err.body);
      json(500, { message: (err as Error).message });
    }
  }

  private storedFile(method: string, path: string): Buffer | null {
    const m = method === 'GET' && /^\/recordings\/stored\/([^/]+)\/file$/.exec(path);
    if (!m) return null;
    const name = decodeURIComponent(m[1]);
    const file = this.recordingFile(name);
    if (!file) throw new RestError(404, { message: 'Recording not found' });
    return file;
  }

  private chan(id: string, status = 404): Chan {
    const c = this.chans.get(decodeURIComponent(id));
    if (!c) throw new RestError(status, { message: 'Channel not found' });
    return c;
  }

  private bridge(id: string): Bridge {
    const b = this.bridges.get(decodeURIComponent(id));
    if (!b) throw new RestError(404, { message: 'Bridge not found' });
    return b;
  }

  /** One REST call: status, body, and what happens after the answer is sent (the events). */
  private route(method: string, path: string, q: Record<string, string>): { status: number; body?: unknown; after?: () => void } {
    const parts = path.split('/').filter(Boolean);
    const key =
      parts[0] === 'recordings'
        ? `${method} /${parts.map((p, i) => (i === 2 ? ':id' : p)).join('/')}`
        : `${method} /${parts.map((p, i) => (i === 1 && p !== 'create' && (parts[0] === 'channels' || parts[0] === 'bridges') ? ':id' : p)).join('/')}`;
    switch (key) {
      case 'GET /asterisk/info':
        return { status: 200, body: { system: { version: '22.10.1', entity_id: '02:fc:00:00:00:01' }, build: { os: 'Linux' }, config: { name: '' } } };
      case 'GET /applications':
        return { status: 200, body: this.appConnected ? [{ name: this.app, channel_ids: [...this.chans.values()].filter((c) => c.inStasis).map((c) => c.id), bridge_ids: [...this.bridges.keys()], endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] }] : [] };
      case 'GET /channels':
        return { status: 200, body: [...this.chans.values()].map((c) => this.chanJson(c)) };
      case 'GET /bridges':
        return { status: 200, body: [...this.bridges.values()].map((b) => this.bridgeJson(b)) };
      case 'GET /channels/:id':
        return { status: 200, body: this.chanJson(this.chan(parts[1])) };
      case 'GET /channels/:id/variable': {
        const c = this.chan(parts[1]);
        if (q.variable === 'CHANNEL(linkedid)') return { status: 200, body: { value: c.linkedid } };
        if (q.variable in c.variables) return { status: 200, body: { value: c.variables[q.variable] } };
        throw new RestError(404, { message: 'Provided variable was not found' });
      }
      case 'POST /channels/create':
        return this.createChannel(q, false);
      case 'POST /channels':
        return this.createChannel(q, true);
      case 'POST /channels/:id/dial': {
        const c = this.chan(parts[1]);
        if (!c.inStasis) throw new RestError(409, { message: 'Channel not in Stasis application' });
        if (c.dialled) throw new RestError(409, { message: 'Channel is already dialed' });
        const caller = q.caller ? this.chans.get(q.caller) : undefined;
        if (caller) c.connected = { ...caller.caller };
        return { status: 204, after: () => this.startDial(c, Number(q.timeout) || 30) };
      }
      case 'POST /channels/:id/ring':
        this.chan(parts[1]);
        return { status: 204 };
      case 'POST /channels/:id/answer': {
        const c = this.chan(parts[1]);
        if (c.state !== 'Up') {
          c.state = 'Up';
          this.send('ChannelStateChange', { channel: this.chanJson(c) });
        }
        return { status: 204 };
      }
      case 'DELETE /channels/:id': {
        const c = this.chan(parts[1]);
        return { status: 204, after: () => this.destroy(c, cause(16), { hangupRequest: { cause: 32, soft: true } }) };
      }
      case 'POST /channels/:id/continue': {
        const c = this.chan(parts[1]);
        return {
          status: 204,
          after: () => {
            c.inStasis = false;
            c.variables.STASISSTATUS = 'SUCCESS';
            c.dialplan = { context: q.context || c.dialplan.context, exten: q.extension || c.dialplan.exten, priority: Number(q.priority) || 1, app_name: '', app_data: '' };
            this.send('StasisEnd', { channel: this.chanJson(c) });
          },
        };
      }
      case 'POST /channels/:id/play': {
        const c = this.chan(parts[1]);
        const id = q.playbackId || crypto.randomUUID();
        const pb = (state: string) => ({ playback: { id, media_uri: q.media, target_uri: `channel:${c.id}`, language: 'en', state } });
        return {
          status: 201,
          body: pb('queued').playback,
          after: () => {
            this.send('PlaybackStarted', pb('playing'));
            const timer = setTimeout(() => {
              c.playback = undefined;
              this.send('PlaybackFinished', pb('done'));
            }, 3 * this.secondMs);
            c.playback = { id, media: q.media, timer };
          },
        };
      }
      case 'POST /channels/:id/record': {
        const c = this.chan(parts[1]);
        const body = this.startRecording(q.name, q.format, `channel:${c.id}`, q.ifExists, Number(q.maxDurationSeconds) || 0);
        c.recordingName = q.name;
        return { status: 201, body };
      }
      case 'POST /bridges': {
        const b: Bridge = { id: q.bridgeId || crypto.randomUUID(), name: q.name ?? '', channels: [], creationtime: nowIso() };
        this.bridges.set(b.id, b);
        return { status: 200, body: this.bridgeJson(b) };
      }
      case 'GET /bridges/:id':
        return { status: 200, body: this.bridgeJson(this.bridge(parts[1])) };
      case 'POST /bridges/:id/addChannel': {
        const b = this.bridge(parts[1]);
        const ids = (q.channel ?? '').split(',').filter(Boolean);
        const chans = ids.map((id) => this.chan(id, 400));
        return {
          status: 204,
          after: () => {
            for (const c of chans) {
              if (c.bridgeId === b.id || !this.chans.has(c.id)) continue;
              c.bridgeId = b.id;
              b.channels.push(c.id);
              this.send('ChannelEnteredBridge', { bridge: this.bridgeJson(b), channel: this.chanJson(c) });
            }
          },
        };
      }
      case 'POST /bridges/:id/record': {
        const b = this.bridge(parts[1]);
        const body = this.startRecording(q.name, q.format, `bridge:${b.id}`, q.ifExists);
        b.recordingName = q.name;
        return { status: 201, body };
      }
      case 'DELETE /bridges/:id': {
        const b = this.bridge(parts[1]);
        return {
          status: 204,
          after: () => {
            for (const id of [...b.channels]) {
              const c = this.chans.get(id);
              if (c) this.leaveBridge(c);
            }
            if (b.recordingName) this.finishRecording(b.recordingName);
            this.bridges.delete(b.id);
            this.send('BridgeDestroyed', { bridge: this.bridgeJson(b) });
          },
        };
      }
      case 'GET /recordings/stored':
        return { status: 200, body: [...this.recordings.values()].map((r) => ({ name: r.name, format: r.format })) };
      case 'GET /recordings/stored/:id': {
        const r = this.recordings.get(decodeURIComponent(parts[2]));
        if (!r) throw new RestError(404, { message: 'Recording not found' });
        return { status: 200, body: { name: r.name, format: r.format } };
      }
      default:
        throw new RestError(404, { message: 'Resource not found' });
    }
  }

  private createChannel(q: Record<string, string>, originate: boolean): { status: number; body?: unknown; after?: () => void } {
    if (!q.endpoint) throw new RestError(400, { message: 'Endpoint must be specified' });
    if (q.originator && q.formats) throw new RestError(400, { message: "Originator and formats can't both be specified" });
    const appArgs = (q.appArgs ?? '').split(',').filter((a) => a !== '');
    const behaviour = this.behaviourOf(q.endpoint, appArgs);
    if (behaviour.kind === 'unknown' || !/^[A-Za-z]+\/.+/.test(q.endpoint)) throw new RestError(500, { error: 'Allocation failed' });
    const id = q.channelId || `${this.epoch}.${this.seq++}`;
    if (this.chans.has(id)) throw new RestError(409, { message: 'Channel with given unique ID already exists' });
    const originator = q.originator ? this.chans.get(q.originator) : undefined;
    const resource = q.endpoint.split('/')[1] ?? '';
    const callerId = parseCallerId(q.callerId);
    const c = this.newChan({ id, endpoint: q.endpoint, appArgs, caller: callerId ?? { name: '', number: resource.split('@')[0] }, linkedid: originator?.linkedid });
    c.behaviour = behaviour;
    if (callerId) c.connected = { ...callerId };
    c.dialplan = { context: 'from-internal', exten: 's', priority: 1, app_name: '', app_data: '' };
    if (originate) {
      c.originated = true;
      return { status: 200, body: this.chanJson(c), after: () => this.startDial(c, Number(q.timeout) || 30) };
    }
    return {
      status: 200,
      body: this.chanJson(c),
      after: () =>
        // Real Asterisk: StasisStart a moment after the 200, so a /dial sent at once may meet a 409.
        setTimeout(() => {
          if (!this.chans.has(c.id)) return;
          c.dialplan = { ...c.dialplan, app_name: 'Stasis', app_data: `${this.app},${appArgs.join(',')}` };
          this.send('ChannelDialplan', { dialplan_app: 'Stasis', dialplan_app_data: c.dialplan.app_data, channel: this.chanJson(c) });
          this.send('ChannelVarset', { variable: 'STASISSTATUS', value: '', channel: this.chanJson(c) });
          c.inStasis = true;
          this.send('StasisStart', { args: appArgs, channel: this.chanJson(c) });
        }, this.opts.createStasisDelayMs ?? 1),
    };
  }
}

/** `"Lead 42" <+79001234567>` → {name, number}. */
function parseCallerId(raw: string | undefined): { name: string; number: string } | null {
  if (!raw) return null;
  const m = /^\s*"?([^"<]*)"?\s*<([^>]*)>\s*$/.exec(raw);
  return m ? { name: m[1].trim(), number: m[2].trim() } : { name: '', number: raw.trim() };
}
