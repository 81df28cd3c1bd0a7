import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';

describe(`leads (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let other: Awaited<ReturnType<typeof insertTeam>>;
  let curator: Client;
  let manager: Client;
  let otherManager: Client;
  let assistant: Client;
  let director: Client;
  let otherCurator: Client;
  let phoneSeq = 1000;

  const intake = (t: typeof team, body: Record<string, unknown> = {}) =>
    new Client(server.url).post('/api/intake', { phone: `+7 910 000 ${String(phoneSeq++).padStart(4, '0')}`, ...body }, { 'x-site-key': t.site.key });

  async function leadOf(managerId: number, body: Record<string, unknown> = {}): Promise<number> {
    const res = await intake(team, body);
    expect(res.status).toBe(201);
    const assigned = await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId });
    expect(assigned.status).toBe(200);
    return res.body.leadId;
  }

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    other = await insertTeam(server);
    [curator, manager, otherManager, assistant, director, otherCurator] = await Promise.all([
      loginAs(server, team.curator),
      loginAs(server, team.manager),
      loginAs(server, team.otherManager),
      loginAs(server, team.assistant),
      loginAs(server, ADMIN),
      loginAs(server, other.curator),
    ]);
  });
  afterAll(async () => server?.dispose());

  it('a manager never sees another manager’s lead in lists, details, history or live events', async () => {
    const mine = await manager.connectSocket();
    const theirs = await otherManager.connectSocket();
    try {
      const res = await intake(team, { name: 'Secret Client' });
      const leadId = res.body.leadId;
      expect((await curator.post(`/api/leads/${leadId}/assign`, { managerId: team.manager.id })).status).toBe(200);
      await mine.waitFor('lead:assigned', (p) => p.lead.id === leadId);
      expect((await manager.patch(`/api/leads/${leadId}`, { version: 2, flagged: true })).status).toBe(200);
      await mine.waitFor('lead:updated', (p) => p.lead.id === leadId);
      await new Promise((r) => setTimeout(r, 150));
      expect(theirs.events.some((e) => e.payload?.lead?.id === leadId)).toBe(false);

      const list = await otherManager.get('/api/leads?limit=200');
      expect(list.status).toBe(200);
      expect(list.body.items.map((l: any) => l.id)).not.toContain(leadId);
      expect((await otherManager.get(`/api/leads?q=secret`)).body.items).toHaveLength(0);
      expect((await otherManager.get(`/api/leads/${leadId}`)).status).toBe(404);
      expect((await otherManager.get(`/api/leads/${leadId}/history`)).status).toBe(404);
      expect((await otherManager.patch(`/api/leads/${leadId}`, { version: 3, flagged: false })).status).toBe(404);
      expect((await otherManager.post(`/api/leads/${leadId}/comments`, { text: 'hi' })).status).toBe(404);

      const own = await manager.get('/api/leads?limit=200');
      expect(own.body.items.map((l: any) => l.id)).toContain(leadId);
      expect(own.body.items.every((l: any) => l.ownerId === team.manager.id)).toBe(true);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('an assistant sees their manager’s leads and acts under their own name', async () => {
    const leadId = await leadOf(team.manager.id);
    const otherLead = await leadOf(team.otherManager.id);
    const socket = await assistant.connectSocket();
    try {
      const list = await assistant.get('/api/leads?limit=200');
      const ids = list.body.items.map((l: any) => l.id);
      expect(ids).toContain(leadId);
      expect(ids).not.toContain(otherLead);
      expect((await assistant.get(`/api/leads/${otherLead}`)).status).toBe(404);

      const comment = await assistant.post(`/api/leads/${leadId}/comments`, { text: 'Called, will send the offer' });
      expect(comment.status).toBe(201);
      expect(comment.body.comment).toMatchObject({ authorId: team.assistant.id, authorName: team.assistant.name });
      await socket.waitFor('lead:updated', (p) => p.lead.id === leadId);
      const history = await manager.get(`/api/leads/${leadId}/history`);
      expect(history.body.items.at(-1)).toMatchObject({ action: 'comment', actorId: team.assistant.id, actorName: team.assistant.name });
      // The assistant's first comment is the first contact, for speed to lead.
      const detail = await manager.get(`/api/leads/${leadId}`);
      expect(detail.body.lead.firstContactAt).not.toBeNull();
    } finally {
      socket.close();
    }
  });

  it('a curator sees only their own department', async () => {
    const ours = await intake(team);
    const theirs = await intake(other);
    const list = await curator.get('/api/leads?limit=200');
    const ids = list.body.items.map((l: any) => l.id);
    expect(ids).toContain(ours.body.leadId);
    expect(ids).not.toContain(theirs.body.leadId);
    expect(list.body.items.every((l: any) => l.departmentId === team.department.id)).toBe(true);
    expect((await curator.get(`/api/leads/${theirs.body.leadId}`)).status).toBe(404);
    expect((await curator.post(`/api/leads/${theirs.body.leadId}/assign`, { managerId: team.manager.id })).status).toBe(404);
    // Another department's curator does see it; the director sees both.
    expect((await otherCurator.get(`/api/leads/${theirs.body.leadId}`)).status).toBe(200);
    const all = (await director.get('/api/leads?limit=200')).body.items.map((l: any) => l.id);
    expect(all).toEqual(expect.arrayContaining([ours.body.leadId, theirs.body.leadId]));
  });

  it('assigns to an active manager of the department only; reassigning tells the previous owner', async () => {
    const res = await intake(team);
    const leadId = res.body.leadId;
    expect((await curator.post(`/api/leads/${leadId}/assign`, { managerId: other.manager.id })).status).toBe(400);
    expect((await curator.post(`/api/leads/${leadId}/assign`, { managerId: team.assistant.id })).status).toBe(400);
    expect((await curator.post(`/api/leads/${leadId}/assign`, { managerId: 'x' })).status).toBe(400);
    expect((await manager.post(`/api/leads/${leadId}/assign`, { managerId: team.manager.id })).status).toBe(404);

    const first = await curator.post(`/api/leads/${leadId}/assign`, { managerId: team.manager.id });
    expect(first.body.lead).toMatchObject({ ownerId: team.manager.id, ownerName: team.manager.name });
    const assignedAt = first.body.lead.assignedAt;
    expect(assignedAt).not.toBeNull();
    expect((await manager.post(`/api/leads/${leadId}/assign`, { managerId: team.otherManager.id })).status).toBe(403);

    const prev = await manager.connectSocket();
    const next = await otherManager.connectSocket();
    try {
      const again = await curator.post(`/api/leads/${leadId}/assign`, { managerId: team.otherManager.id });
      expect(again.status).toBe(200);
      expect(again.body.lead.assignedAt).toBe(assignedAt); // speed to lead counts the first assignment
      // The previous owner's screens drop the lead, and learn nothing more about it.
      expect(await prev.waitFor('lead:hidden', (p) => p.leadId === leadId)).toEqual({ leadId });
      expect(prev.named('lead:assigned').filter((p) => p.lead.id === leadId && p.lead.ownerId !== team.manager.id)).toEqual([]);
      const arrived = await next.waitFor('lead:assigned', (p) => p.lead.id === leadId);
      expect(arrived).toMatchObject({ previousOwnerId: team.manager.id, lead: { ownerId: team.otherManager.id, can: { assign: false, edit: true, call: true } } });
      expect(again.body.lead.can).toEqual({ assign: true, edit: true, call: true });
      expect((await manager.get(`/api/leads/${leadId}`)).status).toBe(404);
      const history = (await director.get(`/api/leads/${leadId}/history`)).body.items;
      expect(history.filter((h: any) => h.action === 'assigned').map((h: any) => [h.oldValue, h.newValue, h.actorName])).toEqual([
        [null, team.manager.name, team.curator.name],
        [team.manager.name, team.otherManager.name, team.curator.name],
      ]);
    } finally {
      prev.close();
      next.close();
    }
  });

  it('a stale update gets 409 with the current lead, and history records who changed what', async () => {
    const leadId = await leadOf(team.manager.id);
    const v = (await manager.get(`/api/leads/${leadId}`)).body.lead.version;
    const ok = await manager.patch(`/api/leads/${leadId}`, { version: v, status: 'collecting_info', colour: 'green', service: 'Website' });
    expect(ok.status).toBe(200);
    expect(ok.body.lead).toMatchObject({ status: 'collecting_info', colour: 'green', service: 'Website', version: v + 1 });
    expect(ok.body.lead.statusChangedAt).not.toBeNull();
    expect(ok.body.lead.firstContactAt).not.toBeNull();

    const stale = await assistant.patch(`/api/leads/${leadId}`, { version: v, status: 'offer_sent' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.current).toMatchObject({ id: leadId, status: 'collecting_info', version: v + 1 });

    const closed = await assistant.patch(`/api/leads/${leadId}`, { version: v + 1, status: 'refused_price_competitor' });
    expect(closed.body.lead.closedAt).not.toBeNull();
    const reopened = await manager.patch(`/api/leads/${leadId}`, { version: v + 2, status: 'interested' });
    expect(reopened.body.lead.closedAt).toBeNull();

    const history = (await manager.get(`/api/leads/${leadId}/history`)).body.items;
    const edits = history.filter((h: any) => h.action === 'status' || h.action === 'field').map((h: any) => [h.actorName, h.field, h.oldValue, h.newValue]);
    expect(edits).toEqual([
      [team.manager.name, 'status', 'new', 'collecting_info'],
      [team.manager.name, 'colour', null, 'green'],
      [team.manager.name, 'service', null, 'Website'],
      [team.assistant.name, 'status', 'collecting_info', 'refused_price_competitor'],
      [team.manager.name, 'status', 'refused_price_competitor', 'interested'],
    ]);
  });

  it('refuses bad edits with 400 naming the field', async () => {
    const leadId = await leadOf(team.manager.id);
    const cases: [unknown, string][] = [
      [{ status: 'won' }, 'version'],
      [{ version: 1, status: 'won' }, 'status'],
      [{ version: 1, flagged: 'yes' }, 'flagged'],
      [{ version: 1, colour: 'pink' }, 'colour'],
      [{ version: '1' }, 'version'],
    ];
    for (const [body, field] of cases) {
      const res = await manager.patch(`/api/leads/${leadId}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields).toHaveProperty([field]);
    }
    expect((await manager.patch('/api/leads/abc', { version: 1 })).status).toBe(400);
    expect((await manager.post(`/api/leads/${leadId}/comments`, { text: '   ' })).status).toBe(400);
    expect((await manager.get('/api/leads?status=won')).status).toBe(400);
    expect((await manager.get('/api/leads?cursor=garbage')).status).toBe(400);
    expect((await new Client(server.url).get('/api/leads')).status).toBe(401);
  });

  it('lists with filters, search by any phone format, and keyset pages', async () => {
    const t = await insertTeam(server);
    const c = await loginAs(server, t.curator);
    const made: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await intake(t, { name: i === 3 ? 'Olga Smirnova' : `Client ${i}`, organization: i === 3 ? 'Horns & Hooves' : undefined, phone: `+7 (921) 555-00-${String(i).padStart(2, '0')}` });
      made.push(res.body.leadId);
    }
    const page1 = await c.get('/api/leads?limit=3');
    expect(page1.body.items.map((l: any) => l.id)).toEqual(made.slice(-3).reverse());
    const page2 = await c.get(`/api/leads?limit=3&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((l: any) => l.id)).toEqual(made.slice(1, 4).reverse());
    const page3 = await c.get(`/api/leads?limit=3&cursor=${page2.body.nextCursor}`);
    expect(page3.body.items.map((l: any) => l.id)).toEqual([made[0]]);
    expect(page3.body.nextCursor).toBeNull();

    for (const q of ['olga', 'SMIRNOVA olga', 'horns', '89215550003', '8 (921) 555-00-03', '9215550003', '+79215550003']) {
      const found = await c.get(`/api/leads?q=${encodeURIComponent(q)}`);
      expect(found.body.items.map((l: any) => l.id), q).toEqual([made[3]]);
    }
    const first = page1.body.items[0];
    expect(first.client).toMatchObject({ fullName: 'Client 6', phone: '+79215550006' });

    await c.post(`/api/leads/${made[1]}/assign`, { managerId: t.manager.id });
    const m = await loginAs(server, t.manager);
    const v = (await m.get(`/api/leads/${made[1]}`)).body.lead.version;
    await m.patch(`/api/leads/${made[1]}`, { version: v, status: 'postponed', flagged: true, colour: 'red' });
    const ids = async (qs: string) => (await c.get(`/api/leads?${qs}`)).body.items.map((l: any) => l.id);
    expect(await ids('status=closed')).toEqual([made[1]]);
    expect(await ids('status=postponed,new&flagged=true')).toEqual([made[1]]);
    expect(await ids('colour=red')).toEqual([made[1]]);
    expect((await ids('status=open')).length).toBe(6);
    expect((await ids('ownerId=none')).length).toBe(6);
    expect(await ids(`ownerId=${t.manager.id}`)).toEqual([made[1]]);
    expect((await ids(`siteId=${t.site.id}`)).length).toBe(7);
    expect(await ids(`siteId=${team.site.id}`)).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await ids(`createdFrom=${today}&createdTo=${today}`)).length).toBe(7);
    expect(await ids('createdTo=2000-01-01')).toEqual([]);
  });

  it('a hand-made lead: a manager’s own is theirs; a curator may pick a manager', async () => {
    const own = await manager.post('/api/leads', { name: 'Walk-in', phone: '8 930 000 11 22', service: 'Repair', comment: 'Met at the fair' });
    expect(own.status).toBe(201);
    expect(own.body.lead).toMatchObject({ ownerId: team.manager.id, source: 'manual', departmentId: team.department.id, service: 'Repair', message: 'Met at the fair' });
    expect(own.body.lead.assignedAt).not.toBeNull();
    const picked = await curator.post('/api/leads', { email: 'caller@example.com', managerId: team.otherManager.id });
    expect(picked.body.lead).toMatchObject({ ownerId: team.otherManager.id });
    expect((await curator.post('/api/leads', { email: 'x@example.com', managerId: other.manager.id })).status).toBe(400);
    expect((await director.post('/api/leads', { phone: '+79300001199' })).status).toBe(400);
    const byDirector = await director.post('/api/leads', { phone: '+79300001199', departmentId: other.department.id });
    expect(byDirector.body.lead).toMatchObject({ departmentId: other.department.id, ownerId: null });
    expect((await manager.post('/api/leads', { name: 'no contact' })).status).toBe(400);
    // The person's fields are checked by the same rules, with the same names and words, as a website's request.
    const bad = async (body: unknown) => (await manager.post('/api/leads', body)).body.error;
    expect((await bad({ name: 'no contact' })).fields).toEqual({ phone: 'Нужен телефон или e-mail', email: 'Нужен телефон или e-mail' });
    expect((await bad({ phone: '12' })).fields).toEqual({ phone: 'Неверный номер телефона' });
    expect((await bad({ email: 'not-an-email' })).fields).toEqual({ email: 'Неверный адрес электронной почты' });
    expect((await bad([1, 2])).message).toBe('Отправьте поля объектом JSON или формой');
    const history = (await manager.get(`/api/leads/${own.body.lead.id}/history`)).body.items;
    expect(history[0]).toMatchObject({ action: 'created', actorId: team.manager.id });
  });

  it('a hand-made lead keeps the client’s language and the amount they named, checked as the intake checks them', async () => {
    const made = await manager.post('/api/leads', { phone: '+79300001277', language: 'bg-BG', amount: '150 000,50', currency: '' });
    expect(made.status).toBe(201);
    const card = (await manager.get(`/api/leads/${made.body.lead.id}`)).body.lead;
    expect(card).toMatchObject({ language: 'bg', requestedAmount: { amount: 150000.5 } });
    // Empty fields are none; a bad one is named.
    expect((await manager.post('/api/leads', { phone: '+79300001278', language: '', amount: '' })).status).toBe(201);
    const bad = await manager.post('/api/leads', { phone: '+79300001279', language: 'zz', amount: '-5' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['amount', 'language']);
  });

  it('the lead card has the client, comments, files, reminders, history and calls', async () => {
    const leadId = await leadOf(team.manager.id, { name: 'Card Client', email: 'card@example.com', pageUrl: 'https://shop.example/p', utm_source: 'ads' });
    await manager.post(`/api/leads/${leadId}/comments`, { text: 'First call done' });
    const detail = await manager.get(`/api/leads/${leadId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.lead).toMatchObject({ id: leadId, pageUrl: 'https://shop.example/p', utm: { utm_source: 'ads' }, closedAt: null });
    expect(detail.body.client).toMatchObject({ fullName: 'Card Client', emails: ['card@example.com'], version: 1 });
    expect(detail.body.comments).toEqual([expect.objectContaining({ text: 'First call done', authorName: team.manager.name })]);
    expect(detail.body.attachments).toEqual([]);
    expect(detail.body.reminders).toEqual([]);
    expect(detail.body.calls).toEqual([]);
    expect(detail.body.history.map((h: any) => h.action)).toEqual(['created', 'assigned', 'comment']);
    expect(detail.body.history[0].actorName).toBeNull();
  });
});
