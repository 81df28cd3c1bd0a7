import { CLOSING_STATUSES, LEAD_STATUSES, type FunnelDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { presentPeriod, type Period } from './period.js';
import { funnelCounts } from './stats.funnel.js';
import { checkManagerInScope, reportScope } from './stats.policy.js';

/**
 * The funnel of the leads that arrived in `period` (in the user's scope, optionally one department and one
 * owner): for each pipeline status how many ever reached it or a later one (`leads.furthest_step`), the share
 * of the previous step that did (null for the first step or after an empty one), and how many are closed now,
 * by reason. 403 for a department or an owner outside the user's scope.
 */
export async function getFunnel(db: Queryable, user: SessionUser, period: Period, f: { departmentId?: number; ownerId?: number }): Promise<FunnelDto> {
  const scope = reportScope(user, f.departmentId);
  const filter: { departmentId?: number; ownerId?: number } = {};
  if (scope.kind === 'department') filter.departmentId = scope.departmentId;
  if (scope.kind === 'manager') filter.ownerId = scope.managerId;
  if (f.ownerId !== undefined) {
    const owner = await db('users').where('id', f.ownerId).first<{ id: number; department_id: number | null } | undefined>('id', 'department_id');
    checkManagerInScope(user, scope, owner && { id: Number(owner.id), departmentId: owner.department_id === null ? null : Number(owner.department_id) });
    filter.ownerId = f.ownerId;
  }
  const { reached, lost } = await funnelCounts(db, period, filter);
  return {
    ...presentPeriod(period),
    steps: LEAD_STATUSES.map((status, i) => ({
      status,
      reached: reached[i],
      conversionFromPrevious: i === 0 || reached[i - 1] === 0 ? null : Math.round((reached[i] / reached[i - 1]) * 10_000) / 10_000,
    })),
    lost: CLOSING_STATUSES.map((status) => ({ status, count: lost[status] })),
  };
}
