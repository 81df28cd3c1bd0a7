import type { LeadSummaryDto, ReminderDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { rooms } from '../../realtime/rooms.js';

/** A reminder came due: it pops up in every open tab of its owner, and nobody else's. */
export function emitReminderDue(deps: Deps, reminder: ReminderDto, lead: LeadSummaryDto | null): void {
  deps.realtime.to([rooms.user(reminder.userId)]).emit('reminder:due', { reminder, lead });
}
