import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';

/**
 * The user ends their own part of call `callId` from the screen (the call bar's hang-up): their live leg of it — the
 * phone that talks or rings for them — is hung up through telephony, and the call's session takes it from there (an
 * answered call ends, a ringing step moves on). Only one's own leg: another person's call, or a call with no live
 * leg of theirs, is 404 `active_call`. 503 while Asterisk is away.
 */
export async function hangUpMyLeg(deps: Deps, user: SessionUser, callId: number): Promise<void> {
  const leg = await deps.db('call_legs')
    .where({ call_id: callId, user_id: user.id })
    .whereNull('ended_at')
    .whereNotNull('channel_id')
    .orderBy('id', 'desc')
    .first<{ channel_id: string } | undefined>('channel_id');
  if (!leg) throw new NotFoundError('active_call');
  await deps.telephony.hangUpLeg(leg.channel_id);
}
