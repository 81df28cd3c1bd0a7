import { z } from 'zod';

const id = z.number().int().positive().max(2_147_483_647);

/** POST /api/inbox/assign: up to 200 leads (each with the version the curator saw) to one manager. */
export const BulkAssignSchema = z.object({
  leads: z
    .array(z.object({ id, version: z.number().int().positive().optional() }))
    .min(1)
    .max(200)
    .refine((l) => new Set(l.map((x) => x.id)).size === l.length, 'field.lead_repeated'),
  managerId: id,
});

/** GET /api/inbox/next-in-turn?departmentId= */
export const NextInTurnQuery = z.object({ departmentId: z.coerce.number().int().positive().max(2_147_483_647) });
