import type { Queryable } from '../../db/knex.js';
import { AppError, ValidationError } from '../../errors.js';
import { normalizePhone } from '../../lib/phone.js';
import { emailTaken, endpointTaken } from './users.repo.js';

/** A mobile number in any format the user typed, stored as E.164; "" or null clears it. */
export function normalizeMobile(raw: string | null, defaultCountry: string): string | null {
  if (raw === null) return null;
  const e164 = normalizePhone(raw, defaultCountry);
  if (!e164) throw new ValidationError('User is invalid: mobile: is not a phone number', { mobile: 'is not a phone number' });
  return e164;
}

/** One account per e-mail and one active account per phone endpoint (calls are matched to people by it). */
export async function assertUniqueFields(db: Queryable, f: { email?: string; endpoint?: string | null }, selfId: number | null): Promise<void> {
  if (f.email !== undefined && (await emailTaken(db, f.email, selfId))) throw emailConflict();
  if (f.endpoint && (await endpointTaken(db, f.endpoint, selfId))) {
    throw new AppError(409, 'endpoint_taken', `Phone endpoint ${f.endpoint} already belongs to another user`, {
      endpoint: 'already belongs to another user',
    });
  }
}

export function emailConflict(): AppError {
  return new AppError(409, 'email_taken', 'This e-mail is already used by another account', { email: 'is already used by another account' });
}
