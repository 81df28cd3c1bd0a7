import type { Queryable } from '../../db/knex.js';
import { ConflictError, fieldError } from '../../errors.js';
import { normalizePhone } from '../../lib/phone.js';
import { emailTaken, endpointTaken } from './users.repo.js';
import { text } from '../../i18n/text.js';

/** A mobile number in any format the user typed, stored as E.164; "" or null clears it. */
export function normalizeMobile(raw: string | null, defaultCountry: string): string | null {
  if (raw === null) return null;
  const e164 = normalizePhone(raw, defaultCountry);
  if (!e164) throw fieldError('mobile', text('field.phone_invalid'));
  return e164;
}

/** One account per e-mail and one active account per phone endpoint (calls are matched to people by it). */
export async function assertUniqueFields(db: Queryable, f: { email?: string; endpoint?: string | null }, selfId: number | null): Promise<void> {
  if (f.email !== undefined && (await emailTaken(db, f.email, selfId))) throw emailConflict();
  if (f.endpoint && (await endpointTaken(db, f.endpoint, selfId))) {
    throw new ConflictError(text('error.endpoint_taken', { endpoint: f.endpoint }), 'endpoint_taken', { endpoint: text('field.endpoint_taken') });
  }
}

export function emailConflict(): ConflictError {
  return new ConflictError(text('error.email_taken'), 'email_taken', { email: text('field.email_taken') });
}
