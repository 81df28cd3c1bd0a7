import fs from 'node:fs';
import path from 'node:path';
import { fieldError } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { findHeaderRow, type ColumnMapping } from './guess-mapping.js';
import { readTable, type RawCell, type RawRow } from './read-table.js';

/** An uploaded list split into its header line and its data lines (lines above the header, such as a title, dropped). */
export interface ImportTable {
  headers: RawCell[];
  rows: RawRow[];
}

/** Where uploaded import files live: `<uploadsDir>/imports/<48 hex>`. */
export function importFilePath(uploadsDir: string, storageKey: string): string {
  if (!/^[a-f0-9]{48}$/.test(storageKey)) throw new Error('bad storage key');
  return path.join(uploadsDir, 'imports', storageKey);
}

/** Reads a stored upload (readTable, then findHeaderRow); throws readTable's ImportFileError. */
export async function loadImportTable(file: string): Promise<ImportTable> {
  const all = await readTable(file);
  const header = findHeaderRow(all);
  const width = Math.max(...all.slice(header, header + 50).map((r) => r.cells.length));
  const headers = Array.from({ length: width }, (_, i) => all[header].cells[i] ?? null);
  return { headers, rows: all.slice(header + 1) };
}

/** A mapping that names a column the file does not have is a 400 naming `mapping.<field>`. */
export function checkMapping(mapping: ColumnMapping, table: ImportTable): void {
  for (const [field, col] of Object.entries(mapping)) if (col !== undefined && col >= table.headers.length) throw fieldError(`mapping.${field}`, text('field.import_no_such_column'));
}

/** Removes a stored upload, quietly when it is gone already. */
export async function removeImportFile(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}
