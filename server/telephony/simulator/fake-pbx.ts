import { headerOnlyWav, toneWav } from './wav.js';
import { cause, nowIso, RestError, type Bridge, type Cause, type Chan, type EndpointBehaviour, type Recording } from './fake-types.js';

/** The Stasis application's side of the fake: whether it listens, and where events go. */
export interface AppLink {
  /** True while the application has its event socket open. */
  connected(): boolean;
  /** True from its first connection until Asterisk goes away (restart, crash). */
  registered(): boolean;
  /** One event to the application (and to local listeners), as Asterisk would send it. */
  send(event: Record<string, unknown>): void;
}

/**
 * What the fake Asterisk holds and does: channels, bridges and recordings, how a dialled phone behaves, and the
 * order in which events go out, as in shared/telephony-traces (a dial, an answer, a hang-up, a channel leaving
 * its bridge, a recording finishing, the whole PBX going away). The REST routes (fake-ari-routes.ts) and the
 * scripting API (fake-asterisk.ts) act through it.
 */
export class FakePbx {
  readonly chans = new Map<string, Chan>();
  readonly bridges = new Map<string, Bridge>();
  readonly recordings = new Map<string, Recording>();
  private readonly endpoints = new Map<string, EndpointBehaviour>();
  private seq = 0;
  private readonly epoch = Math.floor(Date.now() / 1000);

  constructor(
    readonly app: string,
    /** How long one second of Asterisk time lasts here (ms). */
    readonly secondMs: number,
    private readonly link: AppLink,
    private readonly opts: { defaultBehaviour?: (endpoint: string, appArgs: string[]) => EndpointBehaviour; createStasisDelayMs?: number },
  ) {}

  get appConnected(): boolean {
    return this.link.connected();
  }

  /** True once the application has connected: Asterisk keeps it registered (deactivated) when its socket drops. */
  get appRegistered(): boolean {
    return this.link.registered();
  }

  setEndpoint(endpoint: string, behaviour: EndpointBehaviour): void {
    this.endpoints.set(endpoint, behaviour);
  }

  behaviourOf(endpoint: string, appArgs: string[]): EndpointBehaviour {
    return this.endpoints.get(endpoint) ?? this.opts.defaultBehaviour?.(endpoint, appArgs) ?? { kind: 'ring' };
  }

  /** A uniqueid as Asterisk makes them: `<epoch>.<counter>`. */
  nextId(): string {
    return `${this.epoch}.${this.seq++}`;
  }

  newChan(p: { id: string; endpoint: string; appArgs: string[]; caller: { name: string; number: string }; linkedid?: string }): Chan {
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

  chanJson(c: Chan): unknown {
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

  bridgeJson(b: Bridge): unknown {
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

  send(type: string, body: Record<string, unknown>): void {
    this.link.send({ type, timestamp: nowIso(), ...body, asterisk_id: '02:fc:00:00:00:01', application: this.app });
  }

  asteriskSeconds(ms: number): number {
    return ms / this.secondMs;
  }

  /** A call from the trunk: `Stasis(leadline,inbound,<to>)`; without a connected app it goes on to [fallback]. */
  placeInbound(p: { from: string; to: string; callerName?: string }): string {
    const id = this.nextId();
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

  /** While set, created channels wait in it for FakeAsterisk.holdCreatedStasis()'s release instead of a timer. */
  heldStasis: (() => void)[] | null = null;

  /** A channel made by `POST /channels/create` enters Stasis a moment after the 200 (a /dial sent at once may meet a 409). */
  enterStasisSoon(c: Chan): void {
    const enter = (): void => {
      if (!this.chans.has(c.id)) return;
      c.dialplan = { ...c.dialplan, app_name: 'Stasis', app_data: `${this.app},${c.appArgs.join(',')}` };
      this.send('ChannelDialplan', { dialplan_app: 'Stasis', dialplan_app_data: c.dialplan.app_data, channel: this.chanJson(c) });
      this.send('ChannelVarset', { variable: 'STASISSTATUS', value: '', channel: this.chanJson(c) });
      c.inStasis = true;
      this.send('StasisStart', { args: c.appArgs, channel: this.chanJson(c) });
    };
    if (this.heldStasis) this.heldStasis.push(enter);
    else setTimeout(enter, this.opts.createStasisDelayMs ?? 1);
  }

  /** The dial is on its way: ringing, busy, unreachable, silent, or answering later; rings out after `timeoutSec`. */
  startDial(c: Chan, timeoutSec: number): void {
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
      if (b.kind === 'answer') this.later(c, b.afterMs, () => this.answer(c));
    });
    this.later(c, timeoutSec * this.secondMs, () => {
      if (c.state === 'Up') return;
      this.destroy(c, cause(19, 480), { hangupRequest: { cause: 32, soft: true } });
    });
  }

  /** The phone picks up; an originated channel enters Stasis only now. */
  answer(c: Chan): void {
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
  destroy(c: Chan, final: Cause, steps: { hangupRequest: Record<string, unknown>; softAfterEnd?: Record<string, unknown> }): void {
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
    if (c.endsUnseen) return;
    this.send('ChannelDestroyed', { ...final, channel: { ...(this.chanJson(c) as object), dialplan: { ...c.dialplan, app_name: '', app_data: '' } } });
  }

  leaveBridge(c: Chan): void {
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

  startRecording(name: string, format: string, targetUri: string, ifExists: string | undefined, maxSec = 0): unknown {
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

  finishRecording(name: string): void {
    const r = this.recordings.get(name);
    if (!r || !r.live) return;
    clearTimeout(r.maxTimer);
    r.live = false;
    const seconds = this.asteriskSeconds(Date.now() - r.startedAt);
    r.file = toneWav(seconds);
    this.send('RecordingFinished', { recording: { name, format: r.format, state: 'done', target_uri: r.targetUri, duration: Math.round(seconds) } });
  }

  /** A stored recording's file: a live one as recorded so far. */
  recordingFile(name: string): Buffer | null {
    const r = this.recordings.get(name);
    if (!r) return null;
    return r.file ?? toneWav(this.asteriskSeconds(Date.now() - r.startedAt));
  }

  /**
   * Everything goes without a word (restart after its hang-ups, or crash): timers stop, live recordings are
   * closed (a crash leaves a 44-byte header), channels and bridges vanish.
   */
  vanish(crash: boolean): void {
    this.stopTimers();
    for (const r of this.recordings.values()) {
      if (r.live) {
        r.live = false;
        r.file = crash ? headerOnlyWav() : toneWav(this.asteriskSeconds(Date.now() - r.startedAt));
      }
    }
    this.chans.clear();
    this.bridges.clear();
  }

  stopTimers(): void {
    for (const c of this.chans.values()) c.timers.forEach(clearTimeout);
    for (const r of this.recordings.values()) clearTimeout(r.maxTimer);
  }

  /** Runs `fn` after `ms`, unless the channel's timers are cleared first (it answered, or went away). */
  later(c: Chan | null, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      if (c) c.timers = c.timers.filter((x) => x !== t);
      fn();
    }, ms);
    c?.timers.push(t);
  }
}
