import type { DistributionReasonDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { fromDbTime, toDbTime, type Queryable } from '../../db/knex.js';
import { isWorkingTime } from '../../lib/working-time.js';
import { loadSpeedToLead, speedToLeadOf } from '../departments/speed-to-lead-settings.js';
import { DEFAULT_DISTRIBUTION } from '../departments/distribution-settings.js';
import { writeAssignment } from '../leads/assign-lead.js';
import { emitLeadAssigned } from '../leads/leads.events.js';
import { toLeadSummary } from '../leads/leads.presenter.js';
import { findLeadRow, findLeadSummaryRow } from '../leads/leads.repo.js';
import { effectivePresence } from '../presence/presence.service.js';
import { decide, type Candidate, type Decision } from './decide.js';
import { workingHoursOf } from '../users/users.repo.js';
import { recordDecision } from './decisions.repo.js';
import { leadFactsOf } from './lead-facts.js';

/**
 * A new lead of a department in auto mode finds its manager (decide.ts), the decision and its reasons kept on the
 * lead (lead_distribution), the assignment written as a curator's would be (history by nobody: Leadline), and the new
 * owner's screens told after commit. A lead that already has an owner (a returning client's manager, chosen when it
 * was written) only gets that decision explained. The department's distribution row is locked for the whole decision
 * (its turn counter bumped first: a row lock on MariaDB, the writer lock on SQLite), so two leads at once, on one instance or two, never both
 * go to the same "longest waiting" manager. Answers the decision, or null when the department is manual or the lead
 * was already decided.
 *
 * `at`: the moment of the decision (default: now, read once the lock is held).
 */
export async function distributeLead(deps: Deps, leadId: number, departmentId: number, at?: Date): Promise<Decision | null> {
  const outcome = await deps.db.transaction(async (tx) => {
    // The lock first, before any read: a write as the first statement waits for SQLite's writer lock with a fresh
    // snapshot, and on MariaDB holds the department's row until commit.
    const locked = await tx('department_distribution').where('department_id', departmentId).update({ turn: tx.raw('turn + 1') });
    if (locked === 0) return null;
    const dept = await tx('department_distribution').where('department_id', departmentId).first<{ mode: string; settings: string; turn: number }>('mode', 'settings', 'turn');
    const lead = await findLeadRow(tx, leadId);
    if (!dept || dept.mode !== 'auto' || !lead || Number(lead.department_id) !== departmentId) return null;
    const now = at ?? new Date();
    if (await tx('lead_distribution').where('lead_id', leadId).first('id')) return null;
    const settings = { ...DEFAULT_DISTRIBUTION, ...(JSON.parse(dept.settings) as object), mode: 'auto' as const };
    let decision: Decision;
    if (lead.owner_id !== null) {
      const owner = await tx('users').where('id', lead.owner_id).first<{ name: string } | undefined>('name');
      const reasons: DistributionReasonDto[] = [{ code: 'owner_of_client', params: { userId: Number(lead.owner_id), name: owner?.name ?? null } }];
      decision = { decision: 'owner', userId: Number(lead.owner_id), reasons, nextPass: null };
    } else {
      const hours = speedToLeadOf(await loadSpeedToLead(tx, [departmentId]), departmentId).workingHours;
      const candidates = await loadCandidates(deps, tx, departmentId);
      decision = decide({ settings, candidates, lead: await leadFactsOf(tx, lead, deps.config.defaultCurrency), working: isWorkingTime(hours, now), now });
      const chosen = candidates.find((c) => c.id === decision.userId);
      if (chosen) {
        if (!(await writeAssignment(tx, lead, chosen, null))) return null;
        await saveTurn(tx, chosen.id, { pass: decision.nextPass ?? 0, last_turn: Number(dept.turn), last_lead_at: toDbTime(now) });
      }
    }
    await recordDecision(tx, leadId, decision, now);
    return decision;
  });
  if (outcome?.decision === 'rule' || outcome?.decision === 'pool') {
    const row = await findLeadSummaryRow(deps.db, leadId);
    if (row) emitLeadAssigned(deps, toLeadSummary(row), null);
  }
  return outcome;
}

/**
 * Of `ids`, the managers whose phone is busy with Leadline now, as the database says (so every instance agrees): a call
 * of theirs ringing or up, or an instant callback ringing them (an attempt claimed, before its call row exists).
 */
async function busyOnPhone(tx: Queryable, ids: number[]): Promise<Set<number>> {
  const rows = await tx('calls')
    .whereIn('status', ['ringing', 'up'])
    .whereIn('user_id', ids)
    .select('user_id')
    .union((q) => q.from('callback_attempts').where('state', 'ringing').whereIn('user_id', ids).select('user_id'));
  return new Set((rows as { user_id: number }[]).map((r) => Number(r.user_id)));
}

/**
 * The department's active managers with their presence (offline only when no tab of theirs is open on any instance),
 * open new leads and place in the fair pool; on a call when this instance's presence says so or busyOnPhone does.
 */
export async function loadCandidates(deps: Deps, tx: Queryable, departmentId: number): Promise<Candidate[]> {
  const users = await tx('users')
    .where({ department_id: departmentId, role: 'manager', active: true })
    .orderBy('id')
    .select<{ id: number; name: string; presence: string; working_hours: string | null }[]>('id', 'name', 'presence', 'working_hours');
  const ids = users.map((u) => Number(u.id));
  if (ids.length === 0) return [];
  const [open, turns, busy, online] = await Promise.all([
    tx('leads').whereIn('owner_id', ids).where('status', 'new').groupBy('owner_id').select<{ owner_id: number; n: number }[]>('owner_id', tx.raw('count(*) as n')),
    tx('distribution_turns').whereIn('user_id', ids).select<{ user_id: number; pass: number; last_turn: number; last_lead_at: string }[]>('user_id', 'pass', 'last_turn', 'last_lead_at'),
    busyOnPhone(tx, ids),
    deps.presence.onlineAnywhere(tx, ids),
  ]);
  const openOf = new Map(open.map((r) => [Number(r.owner_id), Number(r.n)]));
  const turnOf = new Map(turns.map((r) => [Number(r.user_id), r]));
  return users.map((u) => {
    const id = Number(u.id);
    const turn = turnOf.get(id);
    return {
      id,
      name: u.name,
      presence: effectivePresence(u.presence, online.has(id)),
      onCall: deps.presence.isOnCall(id) || busy.has(id),
      openNew: openOf.get(id) ?? 0,
      pass: turn ? Number(turn.pass) : null,
      lastLeadAt: turn ? new Date(fromDbTime(turn.last_lead_at)!) : null,
      lastTurn: turn ? Number(turn.last_turn) : null,
      hours: workingHoursOf(u.working_hours),
    };
  });
}

/** The manager's place in the fair pool after a lead went to them. */
export async function saveTurn(tx: Queryable, userId: number, row: { pass: number; last_turn: number; last_lead_at: string }): Promise<void> {
  const updated = await tx('distribution_turns').where('user_id', userId).update(row);
  if (updated === 0) await tx('distribution_turns').insert({ user_id: userId, ...row });
}
