import { performance } from 'node:perf_hooks';
import { startBenchServer } from './lib.js';
import { seedLeads, seedPeople } from './list-seed.js';
import { rebuildClientSearch } from '../server/modules/clients/client-search.repo.js';
import { searchClientIds } from '../server/modules/clients/search-clients.js';
import { parseSearchQuery } from '../server/modules/clients/client-search-text.js';
import { listLeads } from '../server/modules/leads/list-leads.js';

const N = Number(process.env.N ?? 300000);
const server = await startBenchServer(process.env.DB ? { DATABASE_URL: process.env.DB } : {});
const db = server.deps.db;
const org = await seedPeople(db);
await seedLeads(db, org, N);
await rebuildClientSearch(db);
const t = async (label: string, f: () => Promise<unknown>) => { await f(); const s = performance.now(); let r; for (let i = 0; i < 5; i++) r = await f(); console.log(label, ((performance.now() - s) / 5).toFixed(1), 'ms', Array.isArray(r) ? r.length : ''); return r; };
for (const q of ['иванов', 'смирнов', 'ив', 'ромашка', '0029694', '9694']) {
  const query = parseSearchQuery(q, () => null);
  await t(`ids any ${q}`, () => searchClientIds(db, query, 'any'));
  await t(`ids name ${q}`, () => searchClientIds(db, query, 'name'));
}
const dept = org.departments[0];
const users: Record<string, any> = {
  director: { id: 1, role: 'director', departmentId: null, assistsUserId: null },
  curator: { id: dept.curator.id, role: 'curator', departmentId: dept.id, assistsUserId: null },
  manager: { id: dept.managers[0].id, role: 'manager', departmentId: dept.id, assistsUserId: null },
};
for (const [who, q] of [['director', 'иванов'], ['curator', 'петров'], ['manager', 'смирнов'], ['manager', 'гусев артём'], ['director', 'ромашка'], ['director', '0029694']]) {
  await t(`list ${who} ${q}`, () => listLeads(server.deps, users[who], { q, limit: 50 } as any));
}
const mgr = dept.managers[0].id;
console.log(await db.raw(`explain query plan select id, client_id, created_at from leads where owner_id = ? order by created_at desc, id desc limit 1000`, [mgr]));
await t('walk mgr 1000', () => db('leads').where('leads.owner_id', mgr).select('leads.id', 'leads.client_id', 'leads.created_at').orderBy([{ column: 'leads.created_at', order: 'desc' }, { column: 'leads.id', order: 'desc' }]).limit(1000));
await t('walk cur 1000', () => db('leads').where('leads.department_id', dept.id).select('leads.id', 'leads.client_id', 'leads.created_at').orderBy([{ column: 'leads.created_at', order: 'desc' }, { column: 'leads.id', order: 'desc' }]).limit(1000));
await server.dispose();
process.exit(0);
