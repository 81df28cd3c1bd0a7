import type { ImportUploadDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { ForbiddenError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';
import { guessMapping } from './guess-mapping.js';
import { importFilePath, loadImportTable, removeImportFile } from './import-file.js';
import { insertImport } from './imports.repo.js';
import type { RawCell } from './read-table.js';

const PREVIEW_LINES = 5;

const shown = (c: RawCell): string | null => (c === null ? null : c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === 'number' ? String(c) : c);

/**
 * Takes an uploaded client list (already on disk under `storageKey`): reads it (a file that is no list is refused
 * with a 4xx and removed), guesses which column holds what from the header names, and answers the header cells,
 * the guess and the first lines. Nothing is imported yet. Assistants do not import (403).
 */
export async function uploadImport(deps: Deps, user: SessionUser, file: { fileName: string; storageKey: string }): Promise<ImportUploadDto> {
  const stored = importFilePath(deps.config.uploadsDir, file.storageKey);
  try {
    if (user.role === 'assistant') throw new ForbiddenError(text('error.import_forbidden'));
    const table = await loadImportTable(stored);
    const id = await insertImport(deps.db, { userId: user.id, fileName: file.fileName, storageKey: file.storageKey, total: table.rows.length }, toDbTime());
    return {
      id,
      columns: table.headers.map((h) => shown(h) ?? ''),
      guessedMapping: guessMapping(table.headers),
      preview: table.rows.slice(0, PREVIEW_LINES).map((r) => ({ row: r.row, cells: table.headers.map((_, i) => shown(r.cells[i] ?? null)) })),
      rows: table.rows.length,
    };
  } catch (err) {
    await removeImportFile(stored);
    throw err;
  }
}
