import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../db/knex.js';
import { keepInTouchJob } from '../../jobs/keep-in-touch.js';
import { runLeased } from '../../jobs/registry.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { dueOccasions } from './occasions.js';
import { remindToKeepInTouch } from './remind-to-keep-in-touch.js';

// Fixtures live in 2099 so the job's own schedule (real clock) never reaches them: the tests run it at their moments.
const NOW = new Date('2099-06-15T09:00:00.000Z');
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const sharedEnv = (s: TestServer): Record<string, string> =>
  s.config.database.client === 'mysql' ? { DATABASE_URL: s.config.database.url } : { DATABASE_URL: `sqlite:${s.config.database.filename}` };

type Team = Awaited<ReturnType<typeof insertTeam>>;

/** A client of the team with one lead of the manager's (won `wonAt` when given), and its stored dates. */
async function insertClient(server: TestServer, team: Team, c: { name: string; wonAt?: string; clientOwner?: boolean; birthday?: string; firstOrderAt?: string; lastOrderAt?: string }) {
  const db = server.deps.db;
  const at = toDbTime(new Date('2099-01-01T00:00:00Z'));
  const [clientId] = await db('clients').insert({
    full_name: c.name,
    department_id: team.department.id,
    owner_id: c.clientOwner ? team.manager.id : null,
    birthday: c.birthday ?? null,
    first_order_at: c.firstOrderAt ?? null,
    last_order_at: c.lastOrderAt ?? null,
    created_at: at,
    updated_at: at,
  });
  const [leadId] = await db('leads').insert({
    client_id: Number(clientId),
    department_id: team.department.id,
    owner_id: c.clientOwner ? null : team.manager.id,
    source: 'manual',
    status: c.wonAt ? 'completed' : 'new',
    furthest_step: c.wonAt ? 8 : 0,
    won_at: c.wonAt ? toDbTime(new Date(c.wonAt)) : null,
    amount: c.wonAt ? 1000 : null,
    created_at: at,
    updated_at: at,
  });
  return { clientId: Number(clientId), leadId: Number(leadId) };
}

/** The keep-in-touch tasks left, as (user, key, params). */
async function tasks(server: TestServer): Promise<{ userId: number; leadId: number | null; key: string; params: Record<string, unknown> }[]> {
  const rows = await server.deps.db('reminders').where('kind', 'keep_in_touch').orderBy('id').select('user_id', 'lead_id', 'text_key', 'text_params');
  return rows.map((r: { user_id: number; lead_id: number | null; text_key: string; text_params: string }) => ({ userId: Number(r.user_id), leadId: r.lead_id === null ? null : Number(r.lead_id), key: r.text_key, params: JSON.parse(r.text_params) as Record<string, unknown> }));
}

describe('keep-in-touch occasions (dueOccasions)', () => {
  const s = { quietDays: 90, daysAhead: 3 };
  it('quiet from the threshold on; birthdays and anniversaries within the days ahead; 29 February on the 28th', () => {
    expect(dueOccasions({ lastOrderDay: '2099-03-17', firstOrderDay: null, birthday: null }, NOW, s)).toEqual([{ kind: 'quiet', onDay: '2099-03-17', count: 90 }]);
    expect(dueOccasions({ lastOrderDay: '2099-03-18', firstOrderDay: null, birthday: null }, NOW, s)).toEqual([]);
    expect(dueOccasions({ lastOrderDay: '2099-02-15', firstOrderDay: null, birthday: null }, NOW, s)).toEqual([{ kind: 'quiet', onDay: '2099-02-15', count: 120 }]);
    expect(dueOccasions({ lastOrderDay: '2099-02-14', firstOrderDay: null, birthday: null }, NOW, s)).toEqual([]);
    expect(dueOccasions({ lastOrderDay: null, firstOrderDay: '2098-06-18', birthday: '1980-06-15' }, NOW, s)).toEqual([
      { kind: 'birthday', onDay: '2099-06-15', count: 119 },
      { kind: 'anniversary', onDay: '2099-06-18', count: 1 },
    ]);
    expect(dueOccasions({ lastOrderDay: null, firstOrderDay: '2099-06-16', birthday: '1980-06-19' }, NOW, s)).toEqual([]);
    expect(dueOccasions({ lastOrderDay: null, firstOrderDay: null, birthday: '1996-02-29' }, new Date('2099-02-27T10:00:00Z'), s)).toEqual([{ kind: 'birthday', onDay: '2099-02-28', count: 103 }]);
  });
});

describe(`keep in touch (${databaseKind})`, () => {
  let first: TestServer;
  let team: Team;
  const made: Record<string, { clientId: number; leadId: number }> = {};

  beforeAll(async () => {
    first = await startTestServer();
    team = await insertTeam(first);
    await first.deps.db('users').where('id', team.manager.id).update({ locale: 'bg' });
    made.importedQuiet = await insertClient(first, team, { name: 'Тихий Импорт', clientOwner: true, lastOrderAt: '2099-03-01' });
    made.wonQuiet = await insertClient(first, team, { name: 'Тихий Заказ', wonAt: '2099-03-10T12:00:00Z' });
    made.recent = await insertClient(first, team, { name: 'Недавний', wonAt: '2099-06-01T12:00:00Z', lastOrderAt: '2099-02-01' });
    made.longGone = await insertClient(first, team, { name: 'Давно ушёл', lastOrderAt: '2097-01-01' });
    made.birthday = await insertClient(first, team, { name: 'Именинник', birthday: '1980-06-17' });
    made.later = await insertClient(first, team, { name: 'Позже', birthday: '1980-06-25' });
    made.anniversary = await insertClient(first, team, { name: 'Юбиляр', firstOrderAt: '2095-06-16', wonAt: '2099-05-20T10:00:00Z' });
  });
  afterAll(async () => first?.dispose());

  it('reminds the owner once per client and occasion, in the owner’s language, whatever the restarts', async () => {
    await runLeased(first.deps, keepInTouchJob, NOW);
    await runLeased(first.deps, keepInTouchJob, plusDays(NOW, 0.5));
    const got = await tasks(first);
    expect(got).toEqual([
      { userId: team.manager.id, leadId: made.importedQuiet.leadId, key: 'task.keep_in_touch_quiet', params: expect.objectContaining({ client: 'Тихий Импорт', days: 106 }) },
      { userId: team.manager.id, leadId: made.wonQuiet.leadId, key: 'task.keep_in_touch_quiet', params: expect.objectContaining({ client: 'Тихий Заказ', days: 97 }) },
      { userId: team.manager.id, leadId: made.birthday.leadId, key: 'task.keep_in_touch_birthday', params: expect.objectContaining({ client: 'Именинник', date: '17.06' }) },
      { userId: team.manager.id, leadId: made.anniversary.leadId, key: 'task.keep_in_touch_anniversary', params: expect.objectContaining({ client: 'Юбиляр', date: '16.06', years: 4 }) },
    ]);
    // Like a callback reminder: due now, popped up, in the owner's list in Bulgarian.
    const manager = await loginAs(first, team.manager);
    const list = await manager.get('/api/reminders');
    const birthday = list.body.items.find((r: any) => r.leadId === made.birthday.leadId);
    expect(birthday).toMatchObject({ kind: 'keep_in_touch', text: '17.06 клиентът Именинник има рожден ден — поздравете го' });
    expect(birthday.firedAt).not.toBeNull();

    // A restart on the same database: nothing again; the later birthday in its own time, once; next year's again.
    await first.close();
    const second = await startTestServer(sharedEnv(first));
    try {
      await runLeased(second.deps, keepInTouchJob, plusDays(NOW, 1));
      expect(await tasks(second)).toHaveLength(4);
      await runLeased(second.deps, keepInTouchJob, plusDays(NOW, 7));
      await runLeased(second.deps, keepInTouchJob, plusDays(NOW, 8));
      expect((await tasks(second)).slice(4).map((t) => [t.key, t.params.client])).toEqual([['task.keep_in_touch_birthday', 'Позже']]);
      await runLeased(second.deps, keepInTouchJob, plusDays(NOW, 364));
      expect((await tasks(second)).slice(5).map((t) => [t.key, t.params.client]).sort()).toEqual([
        ['task.keep_in_touch_anniversary', 'Юбиляр'],
        ['task.keep_in_touch_birthday', 'Именинник'],
      ]);
    } finally {
      await second.dispose();
    }
  });
});

describe(`two instances of keep in touch on one database (${databaseKind})`, () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer(sharedEnv(a));
  });
  afterAll(async () => {
    await b?.dispose();
    await a?.dispose();
  });

  it('leaves each reminder once when both run at the same moments, with or without the lease', async () => {
    const team = await insertTeam(a);
    const clients = await Promise.all(Array.from({ length: 15 }, (_, i) => insertClient(a, team, { name: `Гонка ${i}`, birthday: '1990-06-16', lastOrderAt: '2099-03-05', clientOwner: i % 2 === 0 })));
    await Promise.all([runLeased(a.deps, keepInTouchJob, NOW, 'instance-a'), runLeased(b.deps, keepInTouchJob, NOW, 'instance-b')]);
    await runLeased(b.deps, keepInTouchJob, NOW, 'instance-b');
    await Promise.all([remindToKeepInTouch(a.deps, plusDays(NOW, 0.1)), remindToKeepInTouch(b.deps, plusDays(NOW, 0.1))]);
    const got = await tasks(a);
    for (const c of clients) {
      expect(got.filter((t) => t.leadId === c.leadId).map((t) => t.key).sort()).toEqual(['task.keep_in_touch_birthday', 'task.keep_in_touch_quiet']);
    }
    expect(got).toHaveLength(30);
  });
});
