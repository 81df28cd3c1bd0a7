import type { Deps } from '../../deps.js';
import { fieldError } from '../../errors.js';
import { hashPassword, sha256, verifyPassword } from '../../lib/password.js';
import { toDbTime } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';

/** A user changes their own password: the current one proves it is them; their other sessions end. */
export async function changeOwnPassword(
  deps: Deps,
  actor: SessionUser,
  input: { currentPassword: string; password: string },
  currentSessionToken: string | undefined,
): Promise<void> {
  const { db } = deps;
  const row = await db('users').where('id', actor.id).first('password_hash');
  if (!row || !(await verifyPassword(input.currentPassword, String(row.password_hash)))) {
    throw fieldError('currentPassword', text('field.password_wrong'));
  }
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx('users').where('id', actor.id).update({ password_hash: passwordHash, updated_at: toDbTime() });
    const others = tx('sessions').where('user_id', actor.id);
    if (currentSessionToken) others.whereNot('id', sha256(currentSessionToken));
    await others.delete();
  });
  await deps.realtime.endSessionsOf(actor.id, currentSessionToken ? sha256(currentSessionToken) : undefined);
}
