import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../errors.js';
import { text } from '../../i18n/text.js';

/** A cell as read from a file: text, a number (an Excel number or serial), a date (an Excel date cell), or empty. */
export type RawCell = string | number | Date | null;

/** One line of the file: its number as the user sees it (Excel's row, the CSV's line) and its cells. */
export interface RawRow {
  row: number;
  cells: RawCell[];
}

/** Most columns a client list may have; a wider file is refused (a 10,000-column CSV is not a client list). */
export const MAX_COLUMNS = 200;
/** Most data rows one import reads. */
export const MAX_ROWS = 200_000;
/** Most bytes an .xlsx may unpack to (its parts together), and the most one part may grow by: a zip bomb is refused before reading. */
const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
const MAX_RATIO = 200;

/** Why a file is not a readable client list (each has its text: `error.import_<reason>`). */
export const IMPORT_FILE_REASONS = ['file_type', 'broken', 'encrypted', 'bomb', 'too_many_columns', 'too_many_rows', 'empty'] as const;

/** A file that is not a readable client list: 400 (413 for a zip bomb, 415 for a kind of file we do not read). */
export class ImportFileError extends AppError {
  constructor(status: 400 | 413 | 415, reason: (typeof IMPORT_FILE_REASONS)[number]) {
    super(status, `import_${reason}`, text(`error.import_${reason}`));
  }
}

const isXlsx = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
// An OLE compound file: an encrypted (password-protected) .xlsx, or an old binary .xls.
const isOle = (b: Buffer) => b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1;

/**
 * Reads a client list from a file: `.xlsx` (first sheet, streamed) or CSV text in UTF-8 (with or without BOM) or
 * windows-1251, delimited by `;`, `,` or tab (whichever the first lines use most). Wholly empty lines are dropped.
 * Throws ImportFileError: 415 for programs and other binaries, 400 for a broken or password-protected .xlsx,
 * more than MAX_COLUMNS columns or MAX_ROWS rows or nothing at all, 413 for a zip bomb.
 */
export async function readTable(file: string): Promise<RawRow[]> {
  const head = Buffer.alloc(8);
  const fd = await fs.promises.open(file, 'r');
  try {
    await fd.read(head, 0, 8, 0);
  } finally {
    await fd.close();
  }
  let rows: RawRow[];
  if (isXlsx(head)) rows = await readXlsx(file);
  else if (isOle(head)) throw new ImportFileError(400, 'encrypted');
  else rows = readCsv(await fs.promises.readFile(file));
  rows = rows.filter((r) => r.cells.some((c) => c !== null && c !== ''));
  if (rows.length === 0) throw new ImportFileError(400, 'empty');
  return rows;
}

/** Text of a CSV: UTF-8 when it is valid UTF-8 (a BOM is dropped), else windows-1251 (Excel and 1C on Russian Windows). */
export function decodeCsv(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'win1251');
  }
}

function looksBinary(buf: Buffer): boolean {
  const sample = buf.subarray(0, 64 * 1024);
  if (sample[0] === 0x4d && sample[1] === 0x5a) return true; // MZ: a Windows program
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > sample.length / 100;
}

/** The delimiter the first lines use most: `;` (Russian Excel), `,` or tab. */
function guessDelimiter(textHead: string): string {
  const lines = textHead.split(/\r?\n/).slice(0, 20);
  let best = ';';
  let bestCount = -1;
  for (const d of [';', '\t', ',']) {
    const count = lines.reduce((n, l) => n + l.split(d).length - 1, 0);
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

function readCsv(buf: Buffer): RawRow[] {
  if (looksBinary(buf)) throw new ImportFileError(415, 'file_type');
  const content = decodeCsv(buf);
  const records = parseCsv(content, {
    delimiter: guessDelimiter(content.slice(0, 64 * 1024)),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    bom: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  if (records.length > MAX_ROWS + 20) throw new ImportFileError(400, 'too_many_rows');
  return records.map(({ record, info }) => {
    if (record.length > MAX_COLUMNS) throw new ImportFileError(400, 'too_many_columns');
    return { row: info.lines, cells: record.map((c) => (c.trim() === '' ? null : c.trim())) };
  });
}

/** The sizes an .xlsx's zip directory declares; refuses what would unpack to more than MAX_UNPACKED_BYTES. */
function checkZipSizes(buf: Buffer): void {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ImportFileError(400, 'broken');
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new ImportFileError(400, 'broken');
    const packed = buf.readUInt32LE(at + 20);
    const unpacked = buf.readUInt32LE(at + 24);
    total += unpacked;
    if (total > MAX_UNPACKED_BYTES || (unpacked > 1024 * 1024 && unpacked > packed * MAX_RATIO)) throw new ImportFileError(413, 'bomb');
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
}

function cellOf(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim() || null;
    if ('result' in v) return cellOf(v.result as ExcelJS.CellValue); // a formula: its last computed value, never run
    if ('text' in v) return cellOf(v.text as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return null;
}

async function readXlsx(file: string): Promise<RawRow[]> {
  checkZipSizes(await fs.promises.readFile(file));
  const rows: RawRow[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        if (values.length > MAX_COLUMNS) throw new ImportFileError(400, 'too_many_columns');
        if (rows.length > MAX_ROWS + 20) throw new ImportFileError(400, 'too_many_rows');
        rows.push({ row: row.number, cells: Array.from(values, cellOf) });
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(400, 'broken');
  }
  return rows;
}
