import type { ImportProgressEvent } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { rooms } from '../../realtime/rooms.js';

/** How far an import has got: to every open tab of the user who runs it, and nobody else. */
export function emitImportProgress(deps: Deps, userId: number, progress: ImportProgressEvent): void {
  deps.realtime.to([rooms.user(userId)]).emit('import:progress', progress);
}
