/** The fake Asterisk's vocabulary: how phones behave, its options, and its model of channels, bridges, recordings. */

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
  /**
   * Per-request service time (ms) of the fake's REST answers, requests served one at a time: what every request
   * costs Asterisk's HTTP and task threads. The traces put it at **2 ms** (median request → response over the
   * 205 REST requests of shared/telephony-traces: dial, create, ring, bridges 2 ms; addChannel 4, record 3).
   * 0 (the default) answers at once, as the tests want.
   */
  serviceTimeMs?: number;
  /** Delay between `POST /channels/create`'s answer and its StasisStart (real Asterisk: ~1 ms). */
  createStasisDelayMs?: number;
  /** Behaviour of an endpoint nobody configured with setEndpoint(). Default: rings. */
  defaultBehaviour?: (endpoint: string, appArgs: string[]) => EndpointBehaviour;
}

/** A REST request as the fake received it (tests inspect them). */
export interface FakeRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
}

export type ChannelStateName = 'Down' | 'Ring' | 'Ringing' | 'Up';

export interface Chan {
  id: string;
  name: string;
  state: ChannelStateName;
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  dialplan: { context: string; exten: string; priority: number; app_name: string; app_data: string };
  creationtime: string;
  linkedid: string;
  endpoint: string;
  appArgs: string[];
  inStasis: boolean;
  /** Made by `POST /channels` (StasisStart when answered), not `/channels/create` (StasisStart at once). */
  originated: boolean;
  dialled: boolean;
  bridgeId?: string;
  timers: NodeJS.Timeout[];
  behaviour: EndpointBehaviour;
  recordingName?: string;
  playback?: { id: string; media: string; timer: NodeJS.Timeout };
  variables: Record<string, string>;
  /**
   * Its end reaches the app without ChannelDestroyed (StasisEnd is the last event): Local channels of a transfer,
   * a transferred or picked-up leg, the picker's channel (traces: "ChannelDestroyed is not guaranteed").
   */
  endsUnseen?: boolean;
}

export interface Bridge {
  id: string;
  name: string;
  channels: string[];
  creationtime: string;
  recordingName?: string;
}

export interface Recording {
  name: string;
  format: string;
  targetUri: string;
  startedAt: number;
  live: boolean;
  maxTimer?: NodeJS.Timeout;
  file?: Buffer;
}

/** ChannelDestroyed's cause fields. */
export type Cause = { cause: number; cause_txt: string; tech_cause?: number };

const CAUSE_TXT: Record<number, string> = {
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  127: 'Interworking, unspecified',
};

/** A Q.850 cause with Asterisk's text, and the SIP status behind it when there is one. */
export const cause = (c: number, tech?: number): Cause => ({ cause: c, cause_txt: CAUSE_TXT[c] ?? 'Unknown', ...(tech ? { tech_cause: tech } : {}) });

/** A REST error answered as `status` with `body` (Asterisk's JSON, e.g. `{"message":"Channel not found"}`). */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`fake ARI ${status}`);
  }
}

/** Asterisk's timestamps: `2026-11-23T10:00:00.000+0000`. */
export const nowIso = () => new Date().toISOString().replace('Z', '+0000');
