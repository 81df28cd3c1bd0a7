import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDepartment, insertSite, insertStaff, loginAs } from '../../../test/helpers/factories.js';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { toDbTime } from '../../db/knex.js';

const ALWAYS = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00' };
let phoneSeq = 0;
const nextPhone = () => `+7918${String(4_000_000 + ++phoneSeq).slice(-7)}`;

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`presence shared by two instances on one database (${databaseKind})`, () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ PRESENCE_OFFLINE_GRACE_SEC: '0' });
    const db = a.config.database.client === 'mysql' ? { DATABASE_URL: a.config.database.url } : { DATABASE_URL: `sqlite:${a.config.database.filename}` };
    b = await startTestServer({ ...db, PRESENCE_OFFLINE_GRACE_SEC: '0' });
  });
  afterAll(async () => {
    await b?.dispose();
    await a?.dispose();
  });

  /** A department in auto mode, a site, and one manager with no tab open anywhere yet. */
  async function department() {
    const dept = await insertDepartment(a);
    const site = await insertSite(a, { departmentId: dept.id });
    const anna = await insertStaff(a, { role: 'manager', departmentId: dept.id, name: `Anna-${dept.id}` });
    const director = await new Client(a.url).login(ADMIN.email, ADMIN.password);
    const res = await director.patch(`/api/departments/${dept.id}`, { distribution: { mode: 'auto' }, speedToLead: { unassignedMinutes: 5, firstContactMinutes: 15, workingHours: ALWAYS } });
    expect(res.status).toBe(200);
    const decide = async () => {
      const posted = await new Client(a.url).post('/api/intake', { phone: nextPhone() }, { 'x-site-key': site.key });
      expect(posted.status).toBe(201);
      return (await director.get(`/api/leads/${posted.body.leadId}`)).body.distribution[0] as { decision: string; userId: number | null; reasons: { code: string }[] };
    };
    const rows = async () => a.deps.db('presence_online').where('user_id', anna.id).select('instance', 'expires_at');
    return { anna, decide, rows };
  }

  it('gives a lead posted to one instance to a manager whose tab is open on the other, and not once it is closed', async () => {
    const { anna, decide, rows } = await department();
    expect(await decide()).toMatchObject({ decision: 'inbox', reasons: [{ code: 'offline' }, { code: 'no_eligible' }] });

    const tab = await (await loginAs(b, anna)).connectSocket();
    await until(async () => (await rows()).length === 1, 'the other instance sharing the open tab');
    expect(a.deps.presence.isOnline(anna.id)).toBe(false); // the instance deciding has no tab of hers
    expect(await decide()).toMatchObject({ decision: 'pool', userId: anna.id });

    tab.close();
    await until(async () => (await rows()).length === 0, 'the closed tab withdrawn');
    expect(await decide()).toMatchObject({ decision: 'inbox', reasons: [{ code: 'offline' }, { code: 'no_eligible' }] });
  });

  it('forgets what an instance that stopped beating said once it expires', async () => {
    const { anna, decide, rows } = await department();
    const tab = await (await loginAs(b, anna)).connectSocket();
    try {
      await until(async () => (await rows()).length === 1, 'the open tab shared');
      // The instance holding her tab crashed a minute ago: its word was never renewed.
      await a.deps.db('presence_online').where('user_id', anna.id).update({ expires_at: toDbTime(new Date(Date.now() - 1000)) });
      expect(await decide()).toMatchObject({ decision: 'inbox', reasons: [{ code: 'offline' }, { code: 'no_eligible' }] });
    } finally {
      tab.close();
    }
  });
});
