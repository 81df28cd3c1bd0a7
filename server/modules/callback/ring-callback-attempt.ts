import crypto from 'node:crypto';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { rowToSessionUser } from '../../http/sessions.js';
import { STAFF_COLUMNS, type StaffRow } from '../../telephony/routing/staff-row.js';
import { callerCard } from '../calls/caller-card.js';
import { emitCallRinging } from '../calls/calls.events.js';
import { closeCall, insertCall } from '../calls/calls.repo.js';
import { findLeadSummaryRow } from '../leads/leads.repo.js';
import { effectivePresence } from '../presence/presence.service.js';
import { claimAttempt, clientReached, findAttempt } from './callback-attempts.repo.js';
import { endCallbackAttempt } from './end-callback-attempt.js';

/**
 * Rings one due attempt (claimed first: `due` → `ringing`, so it rings once whatever instances there are). The lead's
 * owner, when they can take a call now (a desk phone, `available` with a tab open on any instance, not on a call, no
 * call of theirs ringing or up), gets
 * a click-to-call (telephony's ClickToCallSession: their phone first, then the client through the trunk, bridged and
 * recorded) with the lead's card popped as a callback on their screens; the call's end closes the attempt
 * (end-callback-attempt.ts). A lead whose client was talked to, closed or without owner meanwhile ends the attempt as
 * `cancelled`;
 * an owner who cannot take a call as `manager_unavailable` (the next manager is then tried).
 */
export async function ringCallbackAttempt(deps: Deps, attemptId: number): Promise<void> {
  if (!(await claimAttempt(deps.db, attemptId))) return;
  const attempt = await findAttempt(deps.db, attemptId);
  const lead = attempt ? await findLeadSummaryRow(deps.db, attempt.lead_id) : undefined;
  if (!attempt || !lead || lead.owner_id === null || lead.closed_at !== null || !lead.client_phone || (await clientReached(deps.db, attempt.lead_id))) {
    await endCallbackAttempt(deps, attemptId, 'cancelled');
    return;
  }
  const ownerId = Number(lead.owner_id);
  const [manager, busy, departmentNumber, department] = await Promise.all([
    deps.db('users').where({ id: ownerId, active: true }).first<StaffRow | undefined>(STAFF_COLUMNS),
    deps.db('calls').where('user_id', ownerId).whereIn('status', ['ringing', 'up']).first('id'),
    deps.db('department_numbers').where('department_id', lead.department_id).orderBy('number').first<{ number: string } | undefined>('number'),
    deps.db('departments').where('id', lead.department_id).first<{ id: number; name: string }>('id', 'name'),
  ]);
  const online = manager ? await deps.presence.onlineAnywhere(deps.db, [ownerId]) : new Set<number>();
  const ready = manager?.endpoint && effectivePresence(manager.presence, online.has(ownerId)) === 'available' && !deps.presence.isOnCall(ownerId) && !busy;
  if (!manager?.endpoint || !ready) {
    await deps.db('callback_attempts').where('id', attemptId).update({ user_id: ownerId });
    await endCallbackAttempt(deps, attemptId, 'manager_unavailable');
    return;
  }
  const agentChannelId = `ll-cb-${crypto.randomUUID()}`;
  const callId = await insertCall(deps.db, {
    direction: 'outbound',
    channelId: agentChannelId,
    linkedid: agentChannelId,
    clientNumber: lead.client_phone,
    dnis: null,
    departmentId: Number(lead.department_id),
    clientId: Number(lead.client_id),
    leadId: Number(lead.id),
    userId: ownerId,
    startedAt: toDbTime(),
  });
  await deps.db('callback_attempts').where('id', attemptId).update({ user_id: ownerId, call_id: callId });
  const clientName = lead.client_full_name ?? lead.client_organization;
  try {
    deps.telephony.assertCanPlaceCalls();
    const placed = deps.telephony.clickToCall({
      callId,
      agentChannelId,
      endpoint: manager.endpoint,
      clientPhone: lead.client_phone,
      callerId: departmentNumber?.number ?? null,
      clientName,
      leadId: Number(lead.id),
      userId: ownerId,
      onEnded: (outcome) => void endCallbackAttempt(deps, attemptId, outcome).catch((err: unknown) => deps.log.error({ err, attemptId }, 'callback attempt not closed')),
    });
    // The pop is read while the phone is being rung: nothing stands between the claim and the dial request.
    const card = await callerCard(deps.db, { callId, callerNumber: lead.client_phone, department: department ?? { id: Number(lead.department_id), name: '' }, caller: { clientId: Number(lead.client_id), leadId: Number(lead.id) } });
    emitCallRinging(deps, { ...card, callback: { attempt: attempt.attempt, clientName, service: lead.service } }, rowToSessionUser(manager), [ownerId]);
    await placed;
  } catch (err) {
    deps.log.warn({ err, attemptId }, 'callback could not ring');
    await closeCall(deps.db, callId, 'failed');
    await endCallbackAttempt(deps, attemptId, 'failed');
  }
}
