import type { ImportProgressEvent } from '../../../../server/api-types.ts';
import { Store } from '../../lib/store.ts';

/** The latest `import:progress` this tab heard (the socket sets it; the import screen shows it). */
export const importProgress = new Store<ImportProgressEvent | null>(null);
