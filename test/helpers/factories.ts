import { toDbTime } from '../../server/db/knex.js';
import { randomToken, sha256 } from '../../server/lib/password.js';
import { departmentNumbers } from '../../server/modules/departments/department-number.js';
import { Client, insertUser, type TestServer } from './server.js';

/** Fast set-up straight in the database, for tests that are not about managing departments, sites or users. */

export async function insertDepartment(server: TestServer, d: { name?: string; phoneNumbers?: string[] } = {}): Promise<{ id: number; name: string }> {
  const now = toDbTime();
  const name = d.name ?? `Department ${randomToken(4)}`;
  const [id] = await server.deps.db('departments').insert({ name, created_at: now, updated_at: now });
  const departmentId = Number(id);
  if (d.phoneNumbers?.length) {
    const numbers = departmentNumbers(d.phoneNumbers, server.deps.config.defaultCountry);
    await server.deps.db('department_numbers').insert(numbers.map((number) => ({ number, department_id: departmentId })));
  }
  return { id: departmentId, name };
}

/** A site of a department; returns the plain key (what the website sends in X-Site-Key). */
export async function insertSite(
  server: TestServer,
  s: { departmentId: number; name?: string; allowedOrigins?: string[]; active?: boolean },
): Promise<{ id: number; key: string }> {
  const key = `ll_${randomToken(24)}`;
  const [id] = await server.deps.db('sites').insert({
    name: s.name ?? 'Website',
    department_id: s.departmentId,
    key_hash: sha256(key),
    key_prefix: key.slice(0, 8),
    allowed_origins: JSON.stringify(s.allowedOrigins ?? []),
    active: s.active ?? true,
    created_at: toDbTime(),
  });
  return { id: Number(id), key };
}

export interface TestUser {
  id: number;
  email: string;
  password: string;
  name: string;
}

let seq = 0;
function unique(prefix: string): string {
  seq += 1;
  return `${prefix}${seq}-${randomToken(3).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
}

export async function insertStaff(
  server: TestServer,
  u: { role: 'director' | 'curator' | 'manager' | 'assistant'; departmentId?: number | null; assistsUserId?: number | null; name?: string },
): Promise<TestUser> {
  const name = u.name ?? unique(`${u.role}-`);
  const created = await insertUser(server, {
    name,
    email: `${unique(u.role)}@test.local`,
    role: u.role,
    departmentId: u.departmentId ?? null,
    assistsUserId: u.assistsUserId ?? null,
  });
  return { ...created, name };
}

/** A department with a site, a curator, two managers and an assistant of the first manager. */
export async function insertTeam(server: TestServer, opts: { allowedOrigins?: string[] } = {}) {
  const department = await insertDepartment(server);
  const site = await insertSite(server, { departmentId: department.id, allowedOrigins: opts.allowedOrigins });
  const curator = await insertStaff(server, { role: 'curator', departmentId: department.id });
  const manager = await insertStaff(server, { role: 'manager', departmentId: department.id });
  const otherManager = await insertStaff(server, { role: 'manager', departmentId: department.id });
  const assistant = await insertStaff(server, { role: 'assistant', departmentId: department.id, assistsUserId: manager.id });
  return { department, site, curator, manager, otherManager, assistant };
}

/** A logged-in HTTP client for a test user. */
export function loginAs(server: TestServer, user: { email: string; password: string }): Promise<Client> {
  return new Client(server.url).login(user.email, user.password);
}
