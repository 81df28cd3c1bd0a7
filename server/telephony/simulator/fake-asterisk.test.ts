import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FakeAsterisk } from './fake-asterisk.js';

const require = createRequire(import.meta.url);
const AUTH = { authorization: `Basic ${Buffer.from('u:p').toString('base64')}` };

/** Collects the events of one app connection, in order. */
async function listen(fake: FakeAsterisk): Promise<{ events: any[]; ws: WebSocket }> {
  const ws = new WebSocket(`${fake.url.replace('http', 'ws')}/ari/events?app=leadline&api_key=u:p`);
  const events: any[] = [];
  ws.on('message', (d) => events.push(JSON.parse(d.toString())));
  await new Promise((r) => ws.once('open', r));
  return { events, ws };
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const post = (fake: FakeAsterisk, path: string) => fetch(`${fake.url}/ari${path}`, { method: 'POST', headers: AUTH });
const of = (events: any[], id: string) => events.filter((e) => (e.channel ?? e.peer)?.id === id && e.type !== 'ChannelVarset' && e.type !== 'ChannelDialplan').map((e) => e.type + (e.cause !== undefined ? `:${e.cause}` : '') + (e.soft ? ':soft' : ''));

describe('the fake Asterisk tells the truth of the traces', () => {
  let fake: FakeAsterisk;
  afterEach(async () => {
    await fake?.close();
  });

  it('serves an API description that ari-client 2.2.0 loads, and events it dispatches', async () => {
    fake = await new FakeAsterisk({ username: 'u', password: 'p', secondMs: 10 }).start();
    const ari = require('ari-client') as { connect(url: string, u: string, p: string): Promise<any> };
    const log = console.log;
    console.log = () => {}; // its swagger client prints a deprecation notice
    const client = await ari.connect(fake.url, 'u', 'p').finally(() => (console.log = log));
    const seen: string[] = [];
    const destroyed = new Promise<number>((resolve) => client.on('ChannelDestroyed', (e: any) => e.channel.id !== 'caller' && resolve(e.cause)));
    client.on('StasisStart', (e: any, channel: any) => {
      seen.push(`${e.args[0]}:${typeof channel.answer}`);
      if (e.args[0] === 'inbound') void client.channels.create({ endpoint: 'PJSIP/101', app: 'leadline', appArgs: `agent,${channel.id}`, originator: channel.id });
      else void client.channels.dial({ channelId: channel.id, timeout: 2 });
    });
    await client.start('leadline');
    fake.placeInbound({ from: '+79001234567', to: '4951234567' });
    expect(await destroyed).toBe(19); // rang out: "User alerting, no answer"
    expect(seen).toEqual(['inbound:function', 'agent:function']);
    client.stop();
  });

  it('refuses bad credentials with 401 on REST and on the WebSocket upgrade', async () => {
    fake = await new FakeAsterisk({ username: 'u', password: 'p' }).start();
    const res = await fetch(`${fake.url}/ari/asterisk/info`, { headers: { authorization: `Basic ${Buffer.from('u:wrong').toString('base64')}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Asterisk REST Interface');
    expect(await res.json()).toEqual({ message: 'Authentication required' });
    const ws = new WebSocket(`${fake.url.replace('http', 'ws')}/ari/events?app=leadline&api_key=u:wrong`);
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0)));
    expect(status).toBe(401);
    expect((await fetch(`${fake.url}/ari/asterisk/info?api_key=u:p`)).status).toBe(200);
  });

  it('answers 409 to a dial sent before the created channel entered Stasis, 404 to hanging up a gone channel', async () => {
    fake = await new FakeAsterisk({ username: 'u', password: 'p' }).start();
    const { events, ws } = await listen(fake);
    const caller = fake.placeInbound({ from: '+79001234567', to: '4951234567' });
    const letIntoStasis = fake.holdCreatedStasis();
    const created = await (await post(fake, `/channels/create?endpoint=PJSIP/101&app=leadline&appArgs=agent,${caller}&originator=${caller}`)).json();
    expect(created.channelvars['CHANNEL(linkedid)']).toBe(caller);
    const early = await post(fake, `/channels/${created.id}/dial?timeout=5`);
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({ message: 'Channel not in Stasis application' });
    letIntoStasis();
    await until(() => events.some((e) => e.type === 'StasisStart' && e.channel.id === created.id));
    expect((await post(fake, `/channels/${created.id}/dial?timeout=5`)).status).toBe(204);
    expect((await fetch(`${fake.url}/ari/channels/${created.id}`, { method: 'DELETE', headers: AUTH })).status).toBe(204);
    const again = await fetch(`${fake.url}/ari/channels/${created.id}`, { method: 'DELETE', headers: AUTH });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ message: 'Channel not found' });
    expect((await post(fake, '/channels/create?endpoint=PJSIP/999&app=leadline')).status).toBe(200);
    fake.setEndpoint('PJSIP/999', { kind: 'unknown' });
    const bad = await post(fake, '/channels/create?endpoint=PJSIP/999&app=leadline');
    expect(bad.status).toBe(500);
    expect(await bad.json()).toEqual({ error: 'Allocation failed' });
    ws.close();
  });

  it('sends busy, caller-cancel and bridged hang-up events in the order real Asterisk does', async () => {
    fake = await new FakeAsterisk({ username: 'u', password: 'p' }).start();
    fake.setEndpoint('PJSIP/101', { kind: 'busy' });
    const { events, ws } = await listen(fake);
    const caller = fake.placeInbound({ from: '+79001234567', to: '4951234567' });
    await post(fake, `/channels/create?endpoint=PJSIP/101&app=leadline&appArgs=agent&channelId=busy-101`);
    await until(() => events.some((e) => e.type === 'StasisStart' && e.channel.id === 'busy-101'));
    await post(fake, '/channels/busy-101/dial?timeout=20');
    await until(() => events.some((e) => e.type === 'ChannelDestroyed' && e.channel.id === 'busy-101'));
    expect(of(events, 'busy-101')).toEqual(['StasisStart', 'Dial', 'ChannelHangupRequest:17', 'StasisEnd', 'ChannelDestroyed:17']);

    fake.hangupFromPhone(caller); // CANCEL while ringing
    await until(() => events.some((e) => e.type === 'ChannelDestroyed' && e.channel.id === caller));
    expect(of(events, caller)).toEqual(['StasisStart', 'ChannelHangupRequest:127', 'StasisEnd', 'ChannelHangupRequest:16:soft', 'ChannelDestroyed:127']);

    // A bridged, recorded call: the recording finishes when the last leg leaves the bridge.
    fake.setEndpoint('PJSIP/102', { kind: 'answer', afterMs: 5 });
    const c2 = fake.placeInbound({ from: '+79001234567', to: '4951234567' });
    await post(fake, `/channels/create?endpoint=PJSIP/102&app=leadline&appArgs=agent&channelId=a102&originator=${c2}`);
    await until(() => events.some((e) => e.type === 'StasisStart' && e.channel.id === 'a102'));
    await post(fake, `/channels/a102/dial?timeout=20`);
    await until(() => fake.channels().find((c) => c.id === 'a102')?.state === 'Up');
    const bridge = await (await post(fake, '/bridges?type=mixing&name=x')).json();
    await post(fake, `/channels/${c2}/answer`);
    await post(fake, `/bridges/${bridge.id}/addChannel?channel=${c2},a102`);
    expect((await post(fake, `/bridges/${bridge.id}/record?name=rec1&format=wav&ifExists=overwrite`)).status).toBe(201);
    fake.hangupFromPhone(c2);
    await fetch(`${fake.url}/ari/channels/a102?reason=normal`, { method: 'DELETE', headers: AUTH });
    await until(() => events.some((e) => e.type === 'RecordingFinished'));
    expect(of(events, c2).slice(-5)).toEqual(['ChannelHangupRequest', 'ChannelLeftBridge', 'StasisEnd', 'ChannelHangupRequest:16:soft', 'ChannelDestroyed:16']);
    const tail = events.filter((e) => ['ChannelLeftBridge', 'RecordingFinished', 'StasisEnd', 'ChannelDestroyed'].includes(e.type)).slice(-4).map((e) => e.type);
    expect(tail).toEqual(['ChannelLeftBridge', 'RecordingFinished', 'StasisEnd', 'ChannelDestroyed']);
    const file = await fetch(`${fake.url}/ari/recordings/stored/rec1/file`, { headers: AUTH });
    expect(file.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 4).toString()).toBe('RIFF');
    ws.close();
  });

  it('crashes without a word: socket closed 1006, channels gone, recording left as a 44-byte header', async () => {
    fake = await new FakeAsterisk({ username: 'u', password: 'p' }).start();
    const { events, ws } = await listen(fake);
    const caller = fake.placeInbound({ from: '+79001234567', to: '4951234567' });
    const bridge = await (await post(fake, '/bridges?type=mixing')).json();
    await post(fake, `/bridges/${bridge.id}/addChannel?channel=${caller}`);
    await post(fake, `/bridges/${bridge.id}/record?name=crashed&format=wav`);
    await until(() => events.some((e) => e.type === 'RecordingStarted'));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    const before = events.length;
    await fake.crash(100);
    expect(await closed).toBe(1006);
    expect(events.length).toBe(before);
    await new Promise((r) => setTimeout(r, 150));
    expect(await (await fetch(`${fake.url}/ari/channels`, { headers: AUTH })).json()).toEqual([]);
    const file = await fetch(`${fake.url}/ari/recordings/stored/crashed/file`, { headers: AUTH });
    expect(Number(file.headers.get('content-length'))).toBe(44);
  });
});
