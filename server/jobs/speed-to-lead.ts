import { raiseSpeedToLeadAlarms } from '../modules/speed-to-lead/raise-speed-to-lead-alarms.js';
import type { JobDefinition } from './registry.js';

/** The speed-to-lead guard: leads waiting too long for a manager or a first contact raise alarms, checked every 20 s. */
export const speedToLeadJob: JobDefinition = {
  name: 'speed-to-lead',
  schedule: '*/20 * * * * *',
  leaseMs: 60_000,
  async run(deps, now) {
    await raiseSpeedToLeadAlarms(deps, now);
  },
};
