import type { AriBridge, AriChannel, AriLiveRecording, AriPlayback, AriStoredRecording } from './ari-types.js';

/** An ARI error with its HTTP status kept (ari-client loses it; we never do). */
export class AriHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly path: string,
  ) {
    super(`ARI ${status} on ${path}: ${message}`);
  }
}

/** A REST call that did not answer in time (Asterisk down or hanging): every call has a deadline. */
export class AriTimeoutError extends Error {}

export interface AriRestOptions {
  /** e.g. http://127.0.0.1:8088 (the /ari prefix is added here). */
  url: string;
  username: string;
  password: string;
  requestTimeoutMs: number;
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * The REST half of the ARI adapter: plain fetch with a timeout on every call, errors that keep their status,
 * and "already gone" (404 on hang-up / bridge destroy) treated as success in one place.
 */
export class AriRest {
  private readonly base: string;
  private readonly auth: string;

  constructor(private readonly opts: AriRestOptions) {
    this.base = `${opts.url.replace(/\/+$/, '')}/ari`;
    this.auth = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  }

  get eventsUrl(): string {
    return this.base.replace(/^http/, 'ws') + '/events';
  }

  get authorization(): string {
    return this.auth;
  }

  async request<T>(method: string, path: string, query: Query = {}, timeoutMs = this.opts.requestTimeoutMs): Promise<T> {
    const res = await this.raw(method, path, query, timeoutMs);
    const text = await res.text();
    if (!res.ok) throw new AriHttpError(res.status, errorMessage(text), path);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The fetch Response itself (for streaming); the timeout covers the answer's headers only. */
  async raw(method: string, path: string, query: Query = {}, timeoutMs = this.opts.requestTimeoutMs, headers: Record<string, string> = {}): Promise<Response> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
    const url = `${this.base}${path}${qs.size ? `?${qs}` : ''}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await fetch(url, { method, headers: { authorization: this.auth, ...headers }, signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted) throw new AriTimeoutError(`ARI ${method} ${path} did not answer within ${timeoutMs} ms`);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Hanging up or destroying what is already gone is success: the only place that knows it. */
  private async goneIsFine(work: Promise<unknown>): Promise<void> {
    try {
      await work;
    } catch (err) {
      if (err instanceof AriHttpError && err.status === 404) return;
      throw err;
    }
  }

  // --- asterisk / applications
  asteriskInfo(timeoutMs?: number): Promise<Record<string, unknown>> {
    return this.request('GET', '/asterisk/info', {}, timeoutMs);
  }
  applications(): Promise<{ name: string }[]> {
    return this.request('GET', '/applications');
  }

  // --- channels
  listChannels(): Promise<AriChannel[]> {
    return this.request('GET', '/channels');
  }
  /** Every bridge (`GET /bridges`): after a restart, how calls left talking are found again (by their channels). */
  listBridges(): Promise<AriBridge[]> {
    return this.request('GET', '/bridges');
  }
  /** Creates a channel in Stasis without dialling it: StasisStart arrives at once (state Down). */
  createChannel(p: { endpoint: string; app: string; appArgs: string; channelId: string; originator?: string }): Promise<AriChannel> {
    return this.request('POST', '/channels/create', p);
  }
  /** Originates: StasisStart arrives only when the callee answers. */
  originate(p: { endpoint: string; app: string; appArgs: string; channelId: string; callerId?: string; timeout?: number; originator?: string }): Promise<AriChannel> {
    return this.request('POST', '/channels', p);
  }
  dial(channelId: string, p: { caller?: string; timeout: number }): Promise<void> {
    return this.request('POST', `/channels/${enc(channelId)}/dial`, p);
  }
  ring(channelId: string): Promise<void> {
    return this.request('POST', `/channels/${enc(channelId)}/ring`);
  }
  answer(channelId: string): Promise<void> {
    return this.request('POST', `/channels/${enc(channelId)}/answer`);
  }
  hangup(channelId: string, reason = 'normal'): Promise<void> {
    return this.goneIsFine(this.request('DELETE', `/channels/${enc(channelId)}`, { reason }));
  }
  continueInDialplan(channelId: string, p: { context: string; extension?: string; priority?: number; label?: string }): Promise<void> {
    return this.request('POST', `/channels/${enc(channelId)}/continue`, p);
  }
  play(channelId: string, p: { media: string; playbackId: string }): Promise<AriPlayback> {
    return this.request('POST', `/channels/${enc(channelId)}/play`, p);
  }
  recordChannel(channelId: string, p: RecordParams): Promise<AriLiveRecording> {
    return this.request('POST', `/channels/${enc(channelId)}/record`, p);
  }
  async getVariable(channelId: string, variable: string): Promise<string | null> {
    const r = await this.request<{ value: string }>('GET', `/channels/${enc(channelId)}/variable`, { variable });
    return r?.value ?? null;
  }

  // --- bridges
  createBridge(p: { type: string; name: string }): Promise<AriBridge> {
    return this.request('POST', '/bridges', p);
  }
  addChannel(bridgeId: string, channelIds: string[]): Promise<void> {
    return this.request('POST', `/bridges/${enc(bridgeId)}/addChannel`, { channel: channelIds.join(',') });
  }
  recordBridge(bridgeId: string, p: RecordParams): Promise<AriLiveRecording> {
    return this.request('POST', `/bridges/${enc(bridgeId)}/record`, p);
  }
  destroyBridge(bridgeId: string): Promise<void> {
    return this.goneIsFine(this.request('DELETE', `/bridges/${enc(bridgeId)}`));
  }

  // --- recordings
  async storedRecording(name: string): Promise<AriStoredRecording | null> {
    try {
      return await this.request<AriStoredRecording>('GET', `/recordings/stored/${enc(name)}`);
    } catch (err) {
      if (err instanceof AriHttpError && err.status === 404) return null;
      throw err;
    }
  }
  /** The recording's file as a stream (audio/wav with content-length), or null when Asterisk has none. */
  async recordingFile(name: string): Promise<Response | null> {
    const res = await this.raw('GET', `/recordings/stored/${enc(name)}/file`);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) {
      const text = await res.text();
      throw new AriHttpError(res.status, errorMessage(text), `/recordings/stored/${name}/file`);
    }
    return res;
  }
}

export type RecordParams = {
  name: string;
  format: string;
  ifExists?: 'fail' | 'overwrite' | 'append';
  beep?: boolean;
  terminateOn?: string;
  maxDurationSeconds?: number;
};

const enc = encodeURIComponent;

/** Asterisk answers `{"message": …}` mostly, `{"error": …}` for allocation failures, HTML for some 400s. */
function errorMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { message?: string; error?: string };
    return j.message ?? j.error ?? text;
  } catch {
    return text.slice(0, 200);
  }
}
