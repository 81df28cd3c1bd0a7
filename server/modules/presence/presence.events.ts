import type { PresenceEvent } from '../../api-types.js';
import type { Realtime } from '../../realtime/realtime.js';
import { rooms } from '../../realtime/rooms.js';

/** A user's presence goes live to themselves (every tab), their department's colleagues and the directors. */
export function emitPresenceChanged(realtime: Realtime, departmentId: number | null, event: PresenceEvent): void {
  const audience = [rooms.user(event.userId), rooms.directors];
  if (departmentId !== null) audience.push(rooms.department(departmentId));
  realtime.to(audience).emit('presence:changed', event);
}
