import { z } from 'zod';
import { IMPORT_FIELD_NAMES } from '../../api-types.js';
import { MAX_COLUMNS } from './read-table.js';

const column = z.number().int().min(0).max(MAX_COLUMNS - 1).optional();
const id = z.number().int().positive().max(2_147_483_647);

/**
 * The body of a dry run and of a run: which column holds each field (0-based; a field left out is not imported),
 * and where the clients go (a director names the department; a curator or director may name a default manager).
 */
export const ImportRunSchema = z.object({
  mapping: z.strictObject(Object.fromEntries(IMPORT_FIELD_NAMES.map((f) => [f, column])) as Record<(typeof IMPORT_FIELD_NAMES)[number], typeof column>),
  departmentId: id.optional(),
  ownerId: id.optional(),
});
export type ImportRunBody = z.infer<typeof ImportRunSchema>;

/** `?format=csv|xlsx` of the problems download. */
export const ProblemsQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });
