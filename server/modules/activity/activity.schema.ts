import { z } from 'zod';
import { ACTIVITY_KINDS } from '../../api-types.js';
import { periodBound } from '../stats/period.js';

const id = z.coerce.number().int().positive().max(2_147_483_647);

/** GET /api/activity: whose (default: oneself), when, which kinds (comma-separated), the page. */
export const ActivityQuery = z.object({
  userId: id.optional(),
  from: periodBound.optional(),
  to: periodBound.optional(),
  kind: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ACTIVITY_KINDS)).min(1))
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).default(50).transform((n) => Math.min(n, 200)),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;
