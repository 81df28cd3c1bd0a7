import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type LiveSocket, type TestServer } from '../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../test/helpers/factories.js';

/** Resolves when the socket is disconnected by the server (rejects after `ms`). */
function disconnected(s: LiveSocket, ms = 4000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!s.socket.connected) return resolve('already');
    const t = setTimeout(() => reject(new Error('still connected')), ms);
    s.socket.once('disconnect', (reason) => {
      clearTimeout(t);
      resolve(reason);
    });
  });
}

describe(`live sockets are as safe as the API (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
  });
  afterAll(async () => server?.dispose());

  const connectFrom = (client: Client, origin: string) =>
    new Promise<'connected' | 'refused'>((resolve) => {
      const socket = ioClient(client.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: client.cookie, origin }, reconnection: false });
      socket.once('connect', () => (socket.close(), resolve('connected')));
      socket.once('connect_error', () => (socket.close(), resolve('refused')));
    });

  it('refuses a page of another origin, even a sibling subdomain, and lets its own page in', async () => {
    const curator = await loginAs(server, team.curator);
    const own = new URL(server.url);
    expect(await connectFrom(curator, `http://${own.host}`)).toBe('connected');
    expect(await connectFrom(curator, 'https://evil.example')).toBe('refused');
    expect(await connectFrom(curator, `http://other.${own.hostname}:${own.port}`)).toBe('refused');
    expect(await connectFrom(curator, 'null')).toBe('refused');
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example', cookie: curator.cookie } });
    expect(polling.status).toBe(403);
  });

  it('disconnects the tabs of a session that logs out, and only those', async () => {
    const a = await loginAs(server, team.curator);
    const b = await loginAs(server, team.curator);
    const [sa, sb] = [await a.connectSocket(), await b.connectSocket()];
    try {
      expect((await a.post('/api/auth/logout')).status).toBe(204);
      await disconnected(sa);
      const lead = await new Client(server.url).post('/api/intake', { phone: '+7 916 000 00 01' }, { 'x-site-key': team.site.key });
      await sb.waitFor('lead:created', (p) => p.lead.id === lead.body.leadId);
      expect(sa.named('lead:created')).toEqual([]);
    } finally {
      sa.close();
      sb.close();
    }
  });

  it('disconnects the other sessions’ tabs after a password change, keeping the changer’s own', async () => {
    const here = await loginAs(server, team.manager);
    const elsewhere = await loginAs(server, team.manager);
    const [sHere, sElsewhere] = [await here.connectSocket(), await elsewhere.connectSocket()];
    try {
      const res = await here.request('PATCH', '/api/users/me', { currentPassword: team.manager.password, password: 'a-new-password-2' });
      expect(res.status).toBe(204);
      await disconnected(sElsewhere);
      await new Promise((r) => setTimeout(r, 200));
      expect(sHere.socket.connected).toBe(true);
    } finally {
      sHere.close();
      sElsewhere.close();
    }
  });

  it('disconnects a tab when its session expires', async () => {
    const short = await startTestServer({ SESSION_TTL_HOURS: String(1.5 / 3600) }); // 1.5 s
    try {
      const t = await insertTeam(short);
      const curator = await loginAs(short, t.curator);
      const socket = await curator.connectSocket();
      try {
        await disconnected(socket, 4000);
        expect((await curator.get('/api/auth/me')).status).toBe(401);
      } finally {
        socket.close();
      }
    } finally {
      await short.dispose();
    }
  });
});
