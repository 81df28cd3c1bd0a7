import { z } from 'zod';
import { TABLE_FORMATS } from '../../lib/table-export.js';
import { isTimeZone } from '../../lib/working-time.js';
import { periodBound } from './period.js';

const id = z.coerce.number().int().positive().max(2_147_483_647);

/** `?format=csv|xlsx` answers with a file instead of JSON. */
const format = z.enum(['json', ...TABLE_FORMATS]).default('json');

/** GET /api/stats/managers; `timeZone` (IANA) names the calendar of its per-day series (default UTC). */
export const ManagersStatsQuery = z.object({
  from: periodBound,
  to: periodBound,
  departmentId: id.optional(),
  timeZone: z.string().max(64).refine(isTimeZone, 'field.time_zone').optional(),
  format,
});

/** GET /api/stats/funnel */
export const FunnelQuery = z.object({ from: periodBound, to: periodBound, departmentId: id.optional(), ownerId: id.optional(), format });
