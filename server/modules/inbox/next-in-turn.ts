import type { Deps } from '../../deps.js';
import { ForbiddenError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';
import { distributionOf, loadDistribution } from '../departments/distribution-settings.js';
import { skipReason } from '../distribution/decide.js';
import { loadCandidates } from '../distribution/distribute-lead.js';
import { canAssignLead } from '../leads/leads.policy.js';

export interface NextInTurn {
  /** The eligible manager with the fewest new leads (ties: longest since their last lead, then the lower id); null: nobody. */
  userId: number | null;
  name: string | null;
  /** Their leads in status "new" now. */
  openNew: number | null;
}

/**
 * Whom the curator's "next in turn" suggests for a lead of `departmentId`: the department's active managers that
 * automatic distribution would find eligible (present, not on a call, under the department's cap — distribution/decide.ts),
 * the one with the least open load. Working hours are not asked: the curator is assigning now. 403 for a department the
 * user does not assign in.
 */
export async function nextInTurn(deps: Deps, user: SessionUser, departmentId: number): Promise<NextInTurn> {
  if (!canAssignLead(user, { departmentId, ownerId: null })) throw new ForbiddenError(text('error.assign_forbidden'));
  const cap = distributionOf(await loadDistribution(deps.db, [departmentId]), departmentId).capOpenNew;
  const eligible = (await loadCandidates(deps, deps.db, departmentId)).filter((c) => skipReason(c, true, cap, new Date()) === null);
  eligible.sort((a, b) => a.openNew - b.openNew || (a.lastLeadAt?.getTime() ?? 0) - (b.lastLeadAt?.getTime() ?? 0) || a.id - b.id);
  const best = eligible[0];
  return best ? { userId: best.id, name: best.name, openNew: best.openNew } : { userId: null, name: null, openNew: null };
}
