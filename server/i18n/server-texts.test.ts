import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTeam, loginAs } from '../../test/helpers/factories.js';
import { Client, databaseKind, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { leaveMissedCallTask } from '../modules/calls/leave-missed-call-task.js';

/** Texts the server writes for people reach each reader in their own language; codes stay the same. */
describe(`server texts in the reader's language (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
  });
  afterAll(async () => server?.dispose());

  it('answers errors in the asker’s language, with the same code and field names', async () => {
    const russian = await loginAs(server, team.manager);
    const english = await loginAs(server, team.otherManager);
    await english.patch('/api/auth/me/preferences', { locale: 'en' });
    const ru = await russian.post('/api/leads', { name: 'No contact' });
    const en = await english.post('/api/leads', { name: 'No contact' });
    expect(ru.body.error).toMatchObject({ code: 'validation_failed', message: 'Нужен телефон или e-mail', fields: { phone: 'Нужен телефон или e-mail' } });
    expect(en.body.error).toMatchObject({ code: 'validation_failed', message: 'A phone or an e-mail is required', fields: { phone: 'A phone or an e-mail is required' } });
    // Zod's own checks too: a text too long.
    const long = await russian.post('/api/leads', { phone: '+79001234567', service: 'x'.repeat(301) });
    expect(long.body.error.fields.service).toBe('Не длиннее 300 символов');
    // Nobody logged in: the language the browser asks for, else the install's.
    const anon = new Client(server.url);
    expect((await anon.request('POST', '/api/auth/login', { email: 'nobody@example.com', password: 'nope' }, { 'accept-language': 'bg,en;q=0.8' })).body.error.message).toBe('Грешен имейл или парола');
    expect((await anon.post('/api/auth/login', { email: 'nobody@example.com', password: 'nope' })).body.error).toEqual({ code: 'unauthenticated', message: 'Неверный e-mail или пароль' });
  });

  it('writes a missed-call task that each owner reads in their own language, the number as people read it', async () => {
    const english = await loginAs(server, team.otherManager);
    await english.patch('/api/auth/me/preferences', { locale: 'en' });
    const russian = await loginAs(server, team.manager);
    for (const ownerId of [team.manager.id, team.otherManager.id]) {
      await leaveMissedCallTask(server.deps, { disposition: 'missed', callerNumber: '+79165551234', leadId: null, ownerId, departmentId: team.department.id });
    }
    const ru = (await russian.get('/api/reminders')).body.items.find((r: { kind: string }) => r.kind === 'missed_call');
    const en = (await english.get('/api/reminders')).body.items.find((r: { kind: string }) => r.kind === 'missed_call');
    expect(ru.text).toBe('Пропущенный звонок с +7 916 555-12-34: перезвоните');
    expect(en.text).toBe('Missed call from +7 916 555-12-34: call back');
    // Switching language later changes what the task says: it is stored as a key and its values.
    await russian.patch('/api/auth/me/preferences', { locale: 'bg' });
    expect((await russian.get('/api/reminders')).body.items.find((r: { kind: string }) => r.kind === 'missed_call').text).toBe('Пропуснато обаждане от +7 916 555-12-34: обадете се');
  });
});
