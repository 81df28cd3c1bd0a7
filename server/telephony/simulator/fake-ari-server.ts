import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { resourceDeclaration, resourceListing } from './api-docs.js';
import type { RouteResult } from './fake-ari-routes.js';
import { RestError, type FakeRequest } from './fake-types.js';

/** The REST requests kept for tests to inspect; a long-running simulator keeps the latest ones only. */
const MAX_REQUESTS_KEPT = 2000;

/** What the server asks of the PBX behind it. */
export interface AriRequestHandler {
  /** A stored recording's bytes for `GET /recordings/stored/{name}/file`, null for other requests. */
  storedFile(method: string, path: string): Buffer | null;
  route(method: string, path: string, query: Record<string, string>): RouteResult;
  /** Every authorized request, as it arrives. */
  received(request: Omit<FakeRequest, 'at'>): void;
}

/**
 * ARI's transport, faked on loopback: HTTP with Basic auth or `api_key`, the Swagger 1.1 API description
 * ari-client loads, the event WebSocket (`/ari/events?app=…`), answers as Asterisk gives them (401 with
 * `WWW-Authenticate`, 400 HTML page for a bad upgrade), REST answers that can be slowed down or never come, and
 * a PBX that goes away (sockets dropped without a close frame: 1006).
 */
export class FakeAriServer {
  /** The REST requests received, oldest first; past MAX_REQUESTS_KEPT the older half is dropped. */
  readonly requests: FakeRequest[] = [];
  url = '';
  private server?: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private faults: { match: (method: string, path: string) => boolean; delayMs: number | 'hang' }[] = [];
  private down = false;
  /** The end of the last request's service: requests are served one after another (serviceTimeMs). */
  private served: Promise<void> = Promise.resolve();

  constructor(
    private readonly opts: { username: string; password: string; app: string; port?: number; serviceTimeMs?: number },
    private readonly handler: AriRequestHandler,
  ) {}

  async listen(): Promise<void> {
    const server = http.createServer((req, res) => void this.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** True while a Stasis application has its event socket open. */
  get appConnected(): boolean {
    return this.sockets.size > 0;
  }

  /** One text frame to every connected application. */
  broadcast(text: string): void {
    for (const ws of this.sockets) ws.send(text);
  }

  /** Makes matching REST requests answer after delayMs, or never ('hang'). Returns the undo. */
  slowRest(match: (method: string, path: string) => boolean, delayMs: number | 'hang'): () => void {
    const fault = { match, delayMs };
    this.faults.push(fault);
    return () => {
      this.faults = this.faults.filter((f) => f !== fault);
    };
  }

  /** The PBX is gone for `downMs`: sockets dropped without a close frame (the client sees 1006), HTTP refused. */
  goDown(downMs: number): void {
    this.down = true;
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    setTimeout(() => (this.down = false), downMs).unref();
  }

  /** Waits for this request's turn and its service time: a request sent earlier delays every later one. */
  private serve(ms: number): Promise<void> {
    const turn = this.served.then(() => new Promise<void>((r) => setTimeout(r, ms)));
    this.served = turn;
    return turn;
  }

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
    if (url.searchParams.get('app') !== this.opts.app) return void refuse(400, 'text/html', '<html><body><h1>Bad Request</h1></body></html>');
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
    this.handler.received({ method, path, query });
    if (this.opts.serviceTimeMs) await this.serve(this.opts.serviceTimeMs);
    const fault = this.faults.find((f) => f.match(method, path));
    if (fault) {
      const delayMs = fault.delayMs;
      if (delayMs === 'hang') return; // never answers
      await new Promise((r) => setTimeout(r, delayMs));
      if (this.down) return void req.socket.destroy();
    }
    try {
      const file = this.handler.storedFile(method, path);
      if (file) {
        res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': file.length, server: 'Asterisk/22.10.1' });
        return void res.end(file);
      }
      const out = this.handler.route(method, path, query);
      json(out.status, out.body);
      out.after?.();
    } catch (err) {
      if (err instanceof RestError) return json(err.status, err.body);
      json(500, { message: (err as Error).message });
    }
  }
}
