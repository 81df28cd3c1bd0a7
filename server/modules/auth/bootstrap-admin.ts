import type { Db } from '../../db/knex.js';
import { toDbTime } from '../../db/knex.js';
import type { Logger } from '../../logger.js';
import { hashPassword, randomToken } from '../../lib/password.js';

/** First start with no users: create the director, from the environment or with a password printed once. */
export async function bootstrapAdmin(db: Db, log: Logger, admin: { email: string; password?: string }): Promise<void> {
  const existing = await db('users').count<{ n: number | string }[]>({ n: '*' }).first();
  if (Number(existing?.n ?? 0) > 0) return;
  const password = admin.password ?? randomToken(12);
  const now = toDbTime();
  await db('users').insert({
    name: 'Director',
    email: admin.email,
    password_hash: await hashPassword(password),
    role: 'director',
    presence: 'available',
    active: true,
    created_at: now,
    updated_at: now,
  });
  if (admin.password) {
    log.info({ email: admin.email }, 'created the first director from LEADLINE_ADMIN_EMAIL / LEADLINE_ADMIN_PASSWORD');
  } else {
    // Printed once, on purpose, outside the structured log so it is easy to find and not shipped to log stores.
    process.stdout.write(
      `\n  Leadline first start: log in as ${admin.email} with password ${password}\n  (shown once; change it under Team)\n\n`,
    );
  }
}
