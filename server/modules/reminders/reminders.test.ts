import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { fireDueReminders } from './fire-due-reminders.js';

describe(`callback reminders (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let manager: Client;
  let otherManager: Client;
  let assistant: Client;
  let leadId: number;

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    [manager, otherManager, assistant] = await Promise.all([loginAs(server, team.manager), loginAs(server, team.otherManager), loginAs(server, team.assistant)]);
    const curator = await loginAs(server, team.curator);
    const res = await new Client(server.url).post('/api/intake', { name: 'Call Me', phone: '+79151234567' }, { 'x-site-key': team.site.key });
    leadId = res.body.leadId;
    await curator.post(`/api/leads/${leadId}/assign`, { managerId: team.manager.id });
  });
  afterAll(async () => server?.dispose());

  it('a due reminder pops up on its owner’s screen, once, and only theirs', async () => {
    const mine = await manager.connectSocket();
    const theirs = await otherManager.connectSocket();
    try {
      const at = new Date(Date.now() + 1500).toISOString();
      const set = await manager.post(`/api/leads/${leadId}/reminders`, { at, text: 'Call back about the offer' });
      expect(set.status).toBe(201);
      expect(set.body.reminder).toMatchObject({ leadId, userId: team.manager.id, kind: 'callback', dueAt: at, firedAt: null });
      // The scheduler fires it on its own within a few seconds…
      const due = await mine.waitFor('reminder:due', (p) => p.reminder.id === set.body.reminder.id, 8000);
      expect(due.reminder.text).toBe('Call back about the offer');
      expect(due.reminder.firedAt).not.toBeNull();
      expect(due.lead).toMatchObject({ id: leadId, client: { fullName: 'Call Me' } });
      // …and never twice.
      expect(await fireDueReminders(server.deps, new Date(Date.now() + 60_000))).toBe(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(mine.named('reminder:due')).toHaveLength(1);
      expect(theirs.named('reminder:due')).toHaveLength(0);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('fires due reminders when called directly, and a reminder belongs to whoever set it', async () => {
    const set = await assistant.post(`/api/leads/${leadId}/reminders`, { at: new Date(Date.now() + 60_000).toISOString(), text: 'Send the contract' });
    expect(set.body.reminder.userId).toBe(team.assistant.id);
    const socket = await assistant.connectSocket();
    try {
      expect(await fireDueReminders(server.deps, new Date(Date.now() + 120_000))).toBe(1);
      const due = await socket.waitFor('reminder:due', (p) => p.reminder.id === set.body.reminder.id);
      expect(due.lead.id).toBe(leadId);
    } finally {
      socket.close();
    }
    const history = (await manager.get(`/api/leads/${leadId}/history`)).body.items.filter((h: any) => h.action === 'reminder');
    expect(history.map((h: any) => h.actorName)).toEqual([team.manager.name, team.assistant.name]);
  });

  it('lists my open reminders soonest first; done and snooze work on my own only', async () => {
    const later = await manager.post(`/api/leads/${leadId}/reminders`, { at: new Date(Date.now() + 7200_000).toISOString(), text: 'later' });
    const sooner = await manager.post(`/api/leads/${leadId}/reminders`, { at: new Date(Date.now() + 3600_000).toISOString(), text: 'sooner' });
    const mine = await manager.get('/api/reminders');
    expect(mine.status).toBe(200);
    const texts = mine.body.items.map((r: any) => r.text);
    expect(texts.indexOf('sooner')).toBeLessThan(texts.indexOf('later'));
    expect(mine.body.items.every((r: any) => r.userId === team.manager.id)).toBe(true);

    expect((await otherManager.patch(`/api/reminders/${sooner.body.reminder.id}`, { done: true })).status).toBe(404);
    const done = await manager.patch(`/api/reminders/${sooner.body.reminder.id}`, { done: true });
    expect(done.body.reminder.doneAt).not.toBeNull();
    const snoozeTo = new Date(Date.now() + 10_800_000).toISOString();
    const snoozed = await manager.patch(`/api/reminders/${later.body.reminder.id}`, { at: snoozeTo });
    expect(snoozed.body.reminder).toMatchObject({ dueAt: snoozeTo, firedAt: null });
    const after = (await manager.get('/api/reminders')).body.items.map((r: any) => r.text);
    expect(after).not.toContain('sooner');
    expect(after).toContain('later');
  });

  it('refuses reminders in the past, too far ahead, malformed, or on someone else’s lead', async () => {
    const cases: [unknown, string][] = [
      [{ at: new Date(Date.now() - 60_000).toISOString(), text: 'x' }, 'at'],
      [{ at: new Date(Date.now() + 3 * 365 * 86400_000).toISOString(), text: 'x' }, 'at'],
      [{ at: 'tomorrow', text: 'x' }, 'at'],
      [{ at: new Date(Date.now() + 60_000).toISOString(), text: '' }, 'text'],
      [{ at: 12345, text: 'x' }, 'at'],
    ];
    for (const [body, field] of cases) {
      const res = await manager.post(`/api/leads/${leadId}/reminders`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields).toHaveProperty([field]);
    }
    expect((await otherManager.post(`/api/leads/${leadId}/reminders`, { at: new Date(Date.now() + 60_000).toISOString(), text: 'x' })).status).toBe(404);
    expect((await manager.patch('/api/reminders/1', {})).status).toBe(400);
  });
});
