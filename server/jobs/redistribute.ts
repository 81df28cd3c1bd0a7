import { redistributeOverdueLeads } from '../modules/distribution/redistribute-overdue-leads.js';
import type { JobDefinition } from './registry.js';

/** Re-distribution after the first-contact deadline of auto departments, checked every 20 s. */
export const redistributeJob: JobDefinition = {
  name: 'redistribute',
  schedule: '*/20 * * * * *',
  leaseMs: 60_000,
  async run(deps, now) {
    await redistributeOverdueLeads(deps, now);
  },
};
