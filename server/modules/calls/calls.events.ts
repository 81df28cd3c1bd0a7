import type { CallAnsweredEvent, CallEndedEvent, CallLegEndedEvent, CallPopEvent } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import type { SessionUser } from '../../http/session-user.js';
import { rooms } from '../../realtime/rooms.js';
import { leadFor } from '../leads/leads.presenter.js';
import { canSeeLead } from '../leads/leads.policy.js';
import type { CallerCard } from './caller-card.js';

/**
 * Live events about calls, from one place: the screen pop (`call:ringing`), who took the call (`call:answered`)
 * and how it ended (`call:ended`). They go to the users whose phones rang, in every open tab; the lead on a
 * pop only to those who may see the lead (leads.policy.ts). Callers send them after their writes commit.
 */

/**
 * Pops the card on every tab of `user`, whose phone is ringing now. A user who may not see the caller's lead
 * gets the number and the department only (no lead, last comment or last call).
 */
export function emitCallRinging(deps: Deps, card: CallerCard, user: SessionUser, ringingUserIds: number[]): void {
  const shown: CallPopEvent =
    card.lead && canSeeLead(user, card.lead)
      ? { ...card, lead: leadFor(user, card.lead), ringingUserIds }
      : { ...card, lead: null, lastComment: null, lastCall: null, ringingUserIds };
  deps.realtime.to([rooms.user(user.id)]).emit('call:ringing', shown);
}

/** Closes the pop with "answered by …" for everyone whose phone rang (`userIds`). */
export function emitCallAnswered(deps: Deps, userIds: number[], event: CallAnsweredEvent): void {
  deps.realtime.to(userIds.map(rooms.user)).emit('call:answered', event);
}

/** The call is over (with its disposition) for everyone whose phone rang (`userIds`). */
export function emitCallEnded(deps: Deps, userIds: number[], event: CallEndedEvent): void {
  deps.realtime.to(userIds.map(rooms.user)).emit('call:ended', event);
}

/** `userId`'s own leg of the call ended (declined, rang out, answered elsewhere, transferred away): to their tabs only. */
export function emitCallLegEnded(deps: Deps, userId: number, event: CallLegEndedEvent): void {
  deps.realtime.to([rooms.user(userId)]).emit('call:leg_ended', event);
}
