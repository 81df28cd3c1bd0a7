import crypto from 'node:crypto';
import type { Deps } from '../../deps.js';
import { isSqlite, toDbTime, type Tx } from '../../db/knex.js';
import { ConflictError, fieldError, ValidationError } from '../../errors.js';
import { normalizePhone } from '../../lib/phone.js';
import type { SessionUser } from '../../http/session-user.js';
import { visibleLeadRow } from '../leads/lead-access.js';
import { closeCall, insertCall } from './calls.repo.js';
import { text } from '../../i18n/text.js';

/**
 * A phone number on a lead card is a button: rings the user's own phone first, then the client. The number
 * must be one of the client's phones (the first one by default). Writes the outbound call row, then asks
 * telephony to place the call; the client sees the department's number as caller ID.
 *
 * Errors: 404 when the user may not see the lead; 400 when they have no phone (endpoint), the client has no
 * phone or the number is not the client's; 409 while the user has a click-to-call ringing or is on a call (two
 * clicks at once included: the check and the call row are one transaction, serialised per user); 503 when
 * telephony is off or not connected (nothing is written).
 */
export async function placeClickToCall(deps: Deps, user: SessionUser, leadId: number, phone: string | undefined): Promise<{ callId: number }> {
  const lead = await visibleLeadRow(deps.db, user, leadId);
  const me = await deps.db('users').where('id', user.id).first<{ endpoint: string | null }>('endpoint');
  if (!me?.endpoint) throw new ValidationError(text('error.no_endpoint'), { endpoint: text('field.not_set') });
  const phones: string[] = (await deps.db('client_phones').where('client_id', lead.client_id).orderBy('id').pluck('phone')).map(String);
  if (phones.length === 0) throw fieldError('phone', text('field.client_no_phone'));
  let clientPhone = phones[0];
  if (phone !== undefined) {
    const wanted = normalizePhone(phone, deps.config.defaultCountry);
    if (!wanted || !phones.includes(wanted)) throw fieldError('phone', text('field.not_client_phone'));
    clientPhone = wanted;
  }
  deps.telephony.assertCanPlaceCalls();

  const client = await deps.db('clients').where('id', lead.client_id).first<{ full_name: string | null }>('full_name');
  const departmentNumber = await deps.db('department_numbers').where('department_id', lead.department_id).orderBy('number').first<{ number: string } | undefined>('number');
  const agentChannelId = `ll-c2c-${crypto.randomUUID()}`;
  const callId = await deps.db.transaction(async (tx) => {
    await assertNotCalling(deps, tx, user.id);
    return insertCall(tx, {
      direction: 'outbound',
      channelId: agentChannelId,
      linkedid: agentChannelId,
      clientNumber: clientPhone,
      dnis: null,
      departmentId: Number(lead.department_id),
      clientId: Number(lead.client_id),
      leadId,
      userId: user.id,
      startedAt: toDbTime(),
    });
  });
  const order = {
    callId,
    agentChannelId,
    endpoint: me.endpoint,
    clientPhone,
    callerId: departmentNumber?.number ?? null,
    clientName: client?.full_name ?? null,
    leadId,
    userId: user.id,
  };
  try {
    await deps.telephony.clickToCall(order);
  } catch (err) {
    // Refused, or telephony went away since the check: the call never started (closing twice changes nothing).
    await closeCall(deps.db, callId, 'failed');
    throw err;
  }
  return { callId };
}

/** 409 when the user is on a call (presence) or has a call of theirs still ringing or up; locks their row meanwhile. */
async function assertNotCalling(deps: Deps, tx: Tx, userId: number): Promise<void> {
  // MySQL/MariaDB: the user's row is the lock two clicks queue on; SQLite runs one write transaction at a time anyway.
  const me = tx('users').where('id', userId);
  await (isSqlite(tx) ? me.first('id') : me.forUpdate().first('id'));
  const busy = await tx('calls').where('user_id', userId).whereIn('status', ['ringing', 'up']).first('id');
  if (busy || deps.presence.isOnCall(userId)) throw new ConflictError(text('error.already_calling'), 'already_calling');
}
