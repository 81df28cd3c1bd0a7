import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertReportFixture, WEEK, type ReportFixture } from '../../../test/helpers/report-fixture.js';
import { loginAs } from '../../../test/helpers/factories.js';
import { ADMIN, databaseKind, startTestServer, type Client, type TestServer } from '../../../test/helpers/server.js';

describe(`the lead list behind a report's call and status figures (${databaseKind})`, () => {
  let server: TestServer;
  let f: ReportFixture;
  let director: Client;
  // The reports' periods are half-open; the list's datetime bounds are inclusive: the link ends a millisecond earlier.
  const period = `activityFrom=${WEEK.from}&activityTo=${new Date(Date.parse(WEEK.to) - 1).toISOString()}`;

  beforeAll(async () => {
    server = await startTestServer();
    f = await insertReportFixture(server);
    director = await loginAs(server, ADMIN);
  });
  afterAll(async () => server?.dispose());

  const ids = async (q: string): Promise<number[]> => {
    const res = await director.get(`/api/leads?limit=200&${q}`);
    expect(res.status).toBe(200);
    return (res.body.items as { id: number }[]).map((l) => l.id).sort((a, b) => a - b);
  };
  const leads = (...keys: string[]) => keys.map((k) => f.leads[k]!).sort((a, b) => a - b);

  it('opens the leads of the calls a manager made, answered and talked on in the week (not the week before)', async () => {
    expect(await ids(`activity=call_made&activityBy=${f.anna.id}&${period}`)).toEqual(leads('L1', 'L2'));
    expect(await ids(`activity=call_answered&activityBy=${f.anna.id}&${period}`)).toEqual(leads('L3'));
    expect(await ids(`activity=call_talked&activityBy=${f.anna.id}&${period}`)).toEqual(leads('L1', 'L3'));
    expect(await ids(`activity=call_made&activityBy=${f.anna.id}`)).toEqual(leads('L1', 'L2', 'L9'));
  });

  it('opens the leads with calls nobody took by their owner, and the leads whose status someone changed', async () => {
    expect(await ids(`activity=call_missed&ownerId=${f.anna.id}&${period}`)).toEqual(leads('L1'));
    expect(await ids(`activity=call_missed&departmentId=${f.north}&${period}`)).toEqual(leads('L1', 'L6'));
    expect(await ids(`activity=status&activityBy=${f.anna.id}&${period}`)).toEqual(leads('L1', 'L3'));
    expect(await ids(`activity=status&activityBy=${f.boris.id}&${period}`)).toEqual(leads('L6'));
  });

  it('names a kind it does not know', async () => {
    const res = await director.get('/api/leads?activity=emails');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['activity']);
  });
});
