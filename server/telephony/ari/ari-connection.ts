import WebSocket from 'ws';
import type { TelephonyReason } from '../../api-types.js';
import type { Logger } from '../../logger.js';
import { AriHttpError, AriRest, type AriRestOptions } from './ari-rest.js';
import { KNOWN_EVENT_TYPES, type AriEvent } from './ari-types.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface AriConnectionOptions extends AriRestOptions {
  app: string;
  /** First reconnect delay; doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface AriConnectionListener {
  event(e: AriEvent): void;
  /** Called after every (re)connect, before events flow: the moment to resynchronise. */
  connected(): Promise<void> | void;
  state(state: ConnectionState, reason?: TelephonyReason, detail?: string): void;
}

/**
 * The ARI adapter: one REST client and one event socket to one Stasis application. Validates credentials with
 * a plain HTTP request before opening the socket, reconnects forever with backoff, reports its state, and never
 * lets a malformed or unknown event reach (or crash) the rest of Leadline.
 */
export class AriConnection {
  readonly rest: AriRest;
  private ws?: WebSocket;
  private stopped = false;
  private state: ConnectionState = 'connecting';
  private reason?: TelephonyReason;
  private detail?: string;
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly opts: AriConnectionOptions,
    private readonly listener: AriConnectionListener,
    private readonly log: Logger,
  ) {
    this.rest = new AriRest(opts);
  }

  status(): { state: ConnectionState; reason?: TelephonyReason; detail?: string } {
    return { state: this.state, reason: this.reason, detail: this.detail };
  }

  start(): void {
    this.stopped = false;
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ws?.close(1000);
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private setState(state: ConnectionState, reason?: TelephonyReason, detail?: string): void {
    if (state === this.state && detail === this.detail) return;
    this.reason = reason;
    this.state = state;
    this.detail = detail;
    this.listener.state(state, reason, detail);
  }

  private async run(): Promise<void> {
    const min = this.opts.minBackoffMs ?? 250;
    const max = this.opts.maxBackoffMs ?? 10_000;
    let delay = min;
    while (!this.stopped) {
      try {
        await this.rest.asteriskInfo(); // a 401 here is a clear error, not a string thrown from a callback
        const opened = await this.openSocket();
        if (opened) {
          delay = min;
          await opened;
        }
      } catch (err) {
        const refused = err instanceof AriHttpError && err.status === 401;
        const detail = refused ? 'Asterisk refused the ARI credentials (ARI_USERNAME / ARI_PASSWORD)' : `Asterisk unreachable: ${(err as Error).message}`;
        this.setState('disconnected', refused ? 'auth_failed' : 'unreachable', detail);
        this.log.warn({ err: (err as Error).message, retryInMs: delay }, 'ARI connection failed');
      }
      if (this.stopped) break;
      await this.sleep(delay + Math.round(Math.random() * delay * 0.2));
      delay = Math.min(max, delay * 2);
    }
    this.setState('disconnected', 'stopped', 'stopped');
  }

  /** Opens the event socket; resolves with a promise that settles when the socket closes. */
  private openSocket(): Promise<Promise<void> | null> {
    const url = `${this.rest.eventsUrl}?app=${encodeURIComponent(this.opts.app)}&subscribeAll=false`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { authorization: this.rest.authorization }, handshakeTimeout: this.opts.requestTimeoutMs });
      this.ws = ws;
      let opened = false;
      const closed = new Promise<void>((resolveClosed) => {
        ws.on('close', (code) => {
          if (opened) {
            this.log.warn({ code }, 'ARI event socket closed');
            this.setState('disconnected', 'socket_closed', `event socket closed (${code})`);
          }
          resolveClosed();
        });
      });
      ws.on('unexpected-response', (_req, res) => {
        reject(new AriHttpError(res.statusCode ?? 0, res.statusMessage ?? 'upgrade refused', '/events'));
        ws.terminate();
      });
      ws.on('error', (err) => {
        if (!opened) reject(err);
        else this.log.warn({ err: err.message }, 'ARI event socket error');
      });
      ws.on('message', (data) => this.onMessage(data.toString()));
      ws.on('open', () => {
        opened = true;
        void (async () => {
          try {
            await this.listener.connected();
          } catch (err) {
            this.log.error({ err }, 'resynchronisation after connect failed');
          }
          if (ws.readyState === WebSocket.OPEN) this.setState('connected');
        })();
        resolve(closed);
      });
    });
  }

  private onMessage(text: string): void {
    let event: AriEvent;
    try {
      event = JSON.parse(text) as AriEvent;
    } catch {
      this.log.warn({ text: text.slice(0, 200) }, 'ARI sent a message that is not JSON');
      return;
    }
    if (!event || typeof event.type !== 'string' || !KNOWN_EVENT_TYPES.has(event.type)) return;
    try {
      this.listener.event(event);
    } catch (err) {
      this.log.error({ err, type: event.type }, 'handling an ARI event failed');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
