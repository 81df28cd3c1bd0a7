import { LEAD_STATUSES } from '../../api-types.js';

/** A status's place in the pipeline (0 = new … 8 = completed), or null for a closing reason. */
export function pipelineStep(status: string): number | null {
  const i = (LEAD_STATUSES as readonly string[]).indexOf(status);
  return i < 0 ? null : i;
}

/**
 * The furthest pipeline step a lead has reached once it takes `status` (kept in `leads.furthest_step`, which the
 * funnel and "won" read): moving back or closing never lowers it.
 */
export function furthestStep(previous: number, status: string): number {
  return Math.max(previous, pipelineStep(status) ?? 0);
}
