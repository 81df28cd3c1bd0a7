import type { DepartmentDto } from '../../api-types.js';
import { toDbTime, type Db } from '../../db/knex.js';
import { departmentNumbers } from './department-number.js';
import { assertNumbersFree, numbersConflict } from './department-numbers.js';
import { routingChainToColumn, findDepartment, replaceDepartmentNumbers } from './departments.repo.js';
import type { CreateDepartmentInput } from './departments.schema.js';
import { saveSpeedToLead } from './speed-to-lead-settings.js';

/** A new department; its numbers are stored in E.164 read in `defaultCountry` (department-number.ts). 409 when a number rings another department. */
export async function createDepartment(db: Db, input: CreateDepartmentInput, defaultCountry: string): Promise<DepartmentDto> {
  const numbers = departmentNumbers(input.phoneNumbers, defaultCountry);
  const id = await db
    .transaction(async (tx) => {
      await assertNumbersFree(tx, numbers, null);
      const now = toDbTime();
      const [newId] = await tx('departments').insert({
        name: input.name,
        ring_timeout_sec: input.ringTimeoutSec ?? null,
        routing_chain: routingChainToColumn(input.routingChain ?? null),
        created_at: now,
        updated_at: now,
      });
      await replaceDepartmentNumbers(tx, Number(newId), numbers);
      if (input.speedToLead) await saveSpeedToLead(tx, Number(newId), input.speedToLead);
      return Number(newId);
    })
    .catch(numbersConflict);
  return (await findDepartment(db, id))!;
}
