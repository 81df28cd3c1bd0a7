import { isUniqueViolation, type Tx } from '../../db/knex.js';
import { ConflictError } from '../../errors.js';
import { numbersTakenElsewhere } from './departments.repo.js';
import { text } from '../../i18n/text.js';

/** A public number rings one department only: a second claim is a 409 naming the current owner. */
export async function assertNumbersFree(tx: Tx, numbers: string[], exceptId: number | null): Promise<void> {
  const taken = await numbersTakenElsewhere(tx, numbers, exceptId);
  if (taken.length === 0) return;
  const list = taken.map((t) => `${t.number} (${t.departmentName})`).join(', ');
  throw new ConflictError(text('error.number_taken', { list }), 'number_taken', { phoneNumbers: text('field.number_taken', { list }) });
}

/** Two directors racing for one number: the database's unique key has the last word. */
export function numbersConflict(err: unknown): never {
  if (isUniqueViolation(err)) {
    throw new ConflictError(text('error.number_taken_any'), 'number_taken', { phoneNumbers: text('field.number_taken_any') });
  }
  throw err;
}

