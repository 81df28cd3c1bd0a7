import crypto from 'node:crypto';
import type { FakePbx } from './fake-pbx.js';
import { cause, nowIso, RestError, type Bridge, type Chan } from './fake-types.js';

/** The answer to one REST call: status, body, and what happens once it is sent (the events that follow). */
export interface RouteResult {
  status: number;
  body?: unknown;
  after?: () => void;
}

/**
 * The ARI REST calls Leadline makes, answered as Asterisk 22 answers them (shared/telephony-traces:
 * ari-errors.json for the errors), acting on the fake PBX. Throws RestError for an error answer.
 */
export function routeAriRequest(pbx: FakePbx, method: string, path: string, q: Record<string, string>): RouteResult {
  const parts = path.split('/').filter(Boolean);
  const key =
    parts[0] === 'recordings'
      ? `${method} /${parts.map((p, i) => (i === 2 ? ':id' : p)).join('/')}`
      : `${method} /${parts.map((p, i) => (i === 1 && p !== 'create' && (parts[0] === 'channels' || parts[0] === 'bridges') ? ':id' : p)).join('/')}`;
  switch (key) {
    case 'GET /asterisk/info':
      return { status: 200, body: { system: { version: '22.10.1', entity_id: '02:fc:00:00:00:01' }, build: { os: 'Linux' }, config: { name: '' } } };
    case 'GET /applications':
      return {
        status: 200,
        // Listed from its first connection on, also while its socket is gone (app-disconnect traces); [] before (app-down).
        body: pbx.appRegistered
          ? [{ name: pbx.app, channel_ids: [...pbx.chans.values()].filter((c) => c.inStasis).map((c) => c.id), bridge_ids: [...pbx.bridges.keys()], endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] }]
          : [],
      };
    case 'GET /channels':
      return { status: 200, body: [...pbx.chans.values()].map((c) => pbx.chanJson(c)) };
    case 'GET /bridges':
      return { status: 200, body: [...pbx.bridges.values()].map((b) => pbx.bridgeJson(b)) };
    case 'GET /channels/:id':
      return { status: 200, body: pbx.chanJson(chan(pbx, parts[1])) };
    case 'GET /channels/:id/variable': {
      const c = chan(pbx, parts[1]);
      if (q.variable === 'CHANNEL(linkedid)') return { status: 200, body: { value: c.linkedid } };
      if (q.variable in c.variables) return { status: 200, body: { value: c.variables[q.variable] } };
      throw new RestError(404, { message: 'Provided variable was not found' });
    }
    case 'POST /channels/create':
      return createChannel(pbx, q, false);
    case 'POST /channels':
      return createChannel(pbx, q, true);
    case 'POST /channels/:id/dial': {
      const c = chan(pbx, parts[1]);
      if (!c.inStasis) throw new RestError(409, { message: 'Channel not in Stasis application' });
      if (c.dialled) throw new RestError(409, { message: 'Channel is already dialed' });
      const caller = q.caller ? pbx.chans.get(q.caller) : undefined;
      if (caller) c.connected = { ...caller.caller };
      return { status: 204, after: () => pbx.startDial(c, Number(q.timeout) || 30) };
    }
    case 'POST /channels/:id/ring':
      chan(pbx, parts[1]);
      return { status: 204 };
    case 'POST /channels/:id/answer': {
      const c = chan(pbx, parts[1]);
      if (c.state !== 'Up') {
        c.state = 'Up';
        pbx.send('ChannelStateChange', { channel: pbx.chanJson(c) });
      }
      return { status: 204 };
    }
    case 'DELETE /channels/:id': {
      const c = chan(pbx, parts[1]);
      return { status: 204, after: () => pbx.destroy(c, cause(16), { hangupRequest: { cause: 32, soft: true } }) };
    }
    case 'POST /channels/:id/continue': {
      const c = chan(pbx, parts[1]);
      return {
        status: 204,
        after: () => {
          c.inStasis = false;
          c.variables.STASISSTATUS = 'SUCCESS';
          c.dialplan = { context: q.context || c.dialplan.context, exten: q.extension || c.dialplan.exten, priority: Number(q.priority) || 1, app_name: '', app_data: '' };
          pbx.send('StasisEnd', { channel: pbx.chanJson(c) });
        },
      };
    }
    case 'POST /channels/:id/play': {
      const c = chan(pbx, parts[1]);
      const id = q.playbackId || crypto.randomUUID();
      const pb = (state: string) => ({ playback: { id, media_uri: q.media, target_uri: `channel:${c.id}`, language: 'en', state } });
      return {
        status: 201,
        body: pb('queued').playback,
        after: () => {
          pbx.send('PlaybackStarted', pb('playing'));
          const timer = setTimeout(() => {
            c.playback = undefined;
            pbx.send('PlaybackFinished', pb('done'));
          }, 3 * pbx.secondMs);
          c.playback = { id, media: q.media, timer };
        },
      };
    }
    case 'POST /channels/:id/record': {
      const c = chan(pbx, parts[1]);
      const body = pbx.startRecording(q.name, q.format, `channel:${c.id}`, q.ifExists, Number(q.maxDurationSeconds) || 0);
      c.recordingName = q.name;
      return { status: 201, body };
    }
    case 'POST /bridges': {
      const b: Bridge = { id: q.bridgeId || crypto.randomUUID(), name: q.name ?? '', channels: [], creationtime: nowIso() };
      pbx.bridges.set(b.id, b);
      return { status: 200, body: pbx.bridgeJson(b) };
    }
    case 'GET /bridges/:id':
      return { status: 200, body: pbx.bridgeJson(bridge(pbx, parts[1])) };
    case 'POST /bridges/:id/addChannel': {
      const b = bridge(pbx, parts[1]);
      const chans = (q.channel ?? '').split(',').filter(Boolean).map((id) => chan(pbx, id, 400));
      return {
        status: 204,
        after: () => {
          for (const c of chans) {
            if (c.bridgeId === b.id || !pbx.chans.has(c.id)) continue;
            c.bridgeId = b.id;
            b.channels.push(c.id);
            pbx.send('ChannelEnteredBridge', { bridge: pbx.bridgeJson(b), channel: pbx.chanJson(c) });
          }
        },
      };
    }
    case 'POST /bridges/:id/record': {
      const b = bridge(pbx, parts[1]);
      const body = pbx.startRecording(q.name, q.format, `bridge:${b.id}`, q.ifExists);
      b.recordingName = q.name;
      return { status: 201, body };
    }
    case 'DELETE /bridges/:id': {
      const b = bridge(pbx, parts[1]);
      return {
        status: 204,
        after: () => {
          for (const id of [...b.channels]) {
            const c = pbx.chans.get(id);
            if (c) pbx.leaveBridge(c);
          }
          if (b.recordingName) pbx.finishRecording(b.recordingName);
          pbx.bridges.delete(b.id);
          pbx.send('BridgeDestroyed', { bridge: pbx.bridgeJson(b) });
        },
      };
    }
    case 'GET /recordings/stored':
      return { status: 200, body: [...pbx.recordings.values()].map((r) => ({ name: r.name, format: r.format })) };
    case 'GET /recordings/stored/:id': {
      const r = pbx.recordings.get(decodeURIComponent(parts[2]));
      if (!r) throw new RestError(404, { message: 'Recording not found' });
      return { status: 200, body: { name: r.name, format: r.format } };
    }
    default:
      throw new RestError(404, { message: 'Resource not found' });
  }
}

/** `GET /recordings/stored/{name}/file`: the WAV bytes, null for any other request; 404 when there is no such recording. */
export function storedRecordingFile(pbx: FakePbx, method: string, path: string): Buffer | null {
  const m = method === 'GET' && /^\/recordings\/stored\/([^/]+)\/file$/.exec(path);
  if (!m) return null;
  const file = pbx.recordingFile(decodeURIComponent(m[1]));
  if (!file) throw new RestError(404, { message: 'Recording not found' });
  return file;
}

/** `POST /channels/create` (StasisStart at once, dial later) or `POST /channels` (originate: dialled now, StasisStart on answer). */
function createChannel(pbx: FakePbx, q: Record<string, string>, originate: boolean): RouteResult {
  if (!q.endpoint) throw new RestError(400, { message: 'Endpoint must be specified' });
  if (q.originator && q.formats) throw new RestError(400, { message: "Originator and formats can't both be specified" });
  const appArgs = (q.appArgs ?? '').split(',').filter((a) => a !== '');
  const behaviour = pbx.behaviourOf(q.endpoint, appArgs);
  if (behaviour.kind === 'unknown' || !/^[A-Za-z]+\/.+/.test(q.endpoint)) throw new RestError(500, { error: 'Allocation failed' });
  const id = q.channelId || pbx.nextId();
  if (pbx.chans.has(id)) throw new RestError(409, { message: 'Channel with given unique ID already exists' });
  const originator = q.originator ? pbx.chans.get(q.originator) : undefined;
  const resource = q.endpoint.split('/')[1] ?? '';
  const callerId = parseCallerId(q.callerId);
  const c = pbx.newChan({ id, endpoint: q.endpoint, appArgs, caller: callerId ?? { name: '', number: resource.split('@')[0] }, linkedid: originator?.linkedid });
  c.behaviour = behaviour;
  if (callerId) c.connected = { ...callerId };
  c.dialplan = { context: 'from-internal', exten: 's', priority: 1, app_name: '', app_data: '' };
  if (originate) {
    c.originated = true;
    return { status: 200, body: pbx.chanJson(c), after: () => pbx.startDial(c, Number(q.timeout) || 30) };
  }
  return { status: 200, body: pbx.chanJson(c), after: () => pbx.enterStasisSoon(c) };
}

function chan(pbx: FakePbx, id: string, status = 404): Chan {
  const c = pbx.chans.get(decodeURIComponent(id));
  if (!c) throw new RestError(status, { message: 'Channel not found' });
  return c;
}

function bridge(pbx: FakePbx, id: string): Bridge {
  const b = pbx.bridges.get(decodeURIComponent(id));
  if (!b) throw new RestError(404, { message: 'Bridge not found' });
  return b;
}

/** `"Lead 42" <+79001234567>` → {name, number}. */
function parseCallerId(raw: string | undefined): { name: string; number: string } | null {
  if (!raw) return null;
  const m = /^\s*"?([^"<]*)"?\s*<([^>]*)>\s*$/.exec(raw);
  return m ? { name: m[1].trim(), number: m[2].trim() } : { name: '', number: raw.trim() };
}
