import type { DepartmentDto } from '../../api-types.js';
import { toDbTime, type Db } from '../../db/knex.js';
import { NotFoundError, StaleVersionError } from '../../errors.js';
import { departmentNumbers } from './department-number.js';
import { assertNumbersFree, numbersConflict } from './department-numbers.js';
import { routingChainToColumn, findDepartment, replaceDepartmentNumbers } from './departments.repo.js';
import type { UpdateDepartmentInput } from './departments.schema.js';
import { saveSpeedToLead } from './speed-to-lead-settings.js';
import { forgetDistributionMode, saveDistribution } from './distribution-settings.js';
import { saveInstantCallback } from './callback-settings.js';

/** Changes a department; new numbers are stored in E.164 read in `defaultCountry`. 404 unknown, 409 a number rings another department. */
export async function updateDepartment(db: Db, id: number, input: UpdateDepartmentInput, defaultCountry: string): Promise<DepartmentDto> {
  const numbers = input.phoneNumbers === undefined ? undefined : departmentNumbers(input.phoneNumbers, defaultCountry);
  await db
    .transaction(async (tx) => {
      const existing = await tx('departments').where('id', id).first<{ version: number } | undefined>('version');
      if (!existing) throw new NotFoundError('department');
      if (input.version !== undefined && Number(existing.version) !== input.version) throw new StaleVersionError(await findDepartment(tx, id), 'department');
      const patch: Record<string, unknown> = { updated_at: toDbTime(), version: tx.raw('version + 1') };
      if (input.name !== undefined) patch.name = input.name;
      if (input.ringTimeoutSec !== undefined) patch.ring_timeout_sec = input.ringTimeoutSec;
      if (input.currency !== undefined) patch.currency = input.currency;
      if (input.routingChain !== undefined) patch.routing_chain = routingChainToColumn(input.routingChain);
      await tx('departments').where('id', id).update(patch);
      if (input.speedToLead !== undefined) await saveSpeedToLead(tx, id, input.speedToLead);
      if (input.distribution !== undefined) await saveDistribution(tx, id, input.distribution);
      if (input.instantCallback !== undefined) await saveInstantCallback(tx, id, input.instantCallback);
      if (numbers !== undefined) {
        await assertNumbersFree(tx, numbers, id);
        await replaceDepartmentNumbers(tx, id, numbers);
      }
    })
    .catch(numbersConflict);
  if (input.distribution !== undefined) forgetDistributionMode(db, id);
  return (await findDepartment(db, id))!;
}
