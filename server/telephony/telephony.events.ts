import type { TelephonyStateEvent } from '../api-types.js';
import type { Deps } from '../deps.js';
import { rooms } from '../realtime/rooms.js';

/** The connection to Asterisk came or went: the directors see it live (a banner), nobody else needs to. */
export function emitTelephonyState(deps: Deps, state: TelephonyStateEvent): void {
  deps.realtime.to([rooms.directors]).emit('telephony:state', state);
}
