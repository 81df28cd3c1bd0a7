import { isUniqueViolation, type Tx } from '../../db/knex.js';
import { AppError } from '../../errors.js';
import { numbersTakenElsewhere } from './departments.repo.js';

/** A public number rings one department only: a second claim is a 409 naming the current owner. */
export async function assertNumbersFree(tx: Tx, numbers: string[], exceptId: number | null): Promise<void> {
  const taken = await numbersTakenElsewhere(tx, numbers, exceptId);
  if (taken.length === 0) return;
  const list = taken.map((t) => `${t.number} (${t.departmentName})`).join(', ');
  throw new AppError(409, 'number_taken', `Already used by another department: ${list}`, {
    phoneNumbers: `already used by another department: ${list}`,
  });
}

/** Two directors racing for one number: the database's unique key has the last word. */
export function numbersConflict(err: unknown): never {
  if (isUniqueViolation(err)) {
    throw new AppError(409, 'number_taken', 'A phone number is already used by another department', {
      phoneNumbers: 'already used by another department',
    });
  }
  throw err;
}

