import type { Deps } from '../../deps.js';
import { ValidationError } from '../../errors.js';
import { normalizePhone } from '../../lib/phone.js';
import type { SessionUser } from '../../http/session-user.js';
import { visibleLeadRow } from '../leads/lead-access.js';

/**
 * A phone number on a lead card is a button: rings the user's own phone first, then the client. The number
 * must be one of the client's phones (the first one by default).
 */
export async function placeClickToCall(deps: Deps, user: SessionUser, leadId: number, phone: string | undefined): Promise<{ callId: number }> {
  const lead = await visibleLeadRow(deps.db, user, leadId);
  const me = await deps.db('users').where('id', user.id).first<{ endpoint: string | null }>('endpoint');
  if (!me?.endpoint) throw new ValidationError('You have no phone (endpoint) set up: ask a director to add one to your profile', { endpoint: 'Not set' });
  const phones: string[] = (await deps.db('client_phones').where('client_id', lead.client_id).orderBy('id').pluck('phone')).map(String);
  if (phones.length === 0) throw new ValidationError('This client has no phone number', { phone: 'The client has no phone' });
  let target = phones[0];
  if (phone !== undefined) {
    const wanted = normalizePhone(phone, deps.config.defaultCountry);
    if (!wanted || !phones.includes(wanted)) throw new ValidationError('Call one of the client’s own numbers', { phone: 'Not one of this client’s phones' });
    target = wanted;
  }
  const client = await deps.db('clients').where('id', lead.client_id).first<{ full_name: string | null }>('full_name');
  return deps.telephony.clickToCall({ leadId, userId: user.id, endpoint: me.endpoint, phone: target, clientName: client?.full_name ?? null });
}
