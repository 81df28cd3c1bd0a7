import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

/** The file formats a table is exported in. */
export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** A cell: text, a number, or nothing (an empty cell). */
export type Cell = string | number | null;

/** One column of an exported table: its header (already in the reader's language) and how a row fills it. */
export interface TableColumn<Row> {
  header: string;
  value: (row: Row) => Cell;
}

/** The MIME type and file extension of each format. */
export const TABLE_FILE: Record<TableFormat, { contentType: string; extension: string }> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
};

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as it is safe to hand to a spreadsheet: a text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return would be run as a formula by Excel or LibreOffice (CSV injection, OWASP), so it gets a leading `'`.
 * Numbers stay numbers (a negative number is not a formula).
 */
export function neutralizeCell(v: Cell): Cell {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

async function writeCsv<Row>(out: Writable, columns: TableColumn<Row>[], rows: Iterable<Row> | AsyncIterable<Row>): Promise<void> {
  // A byte order mark: Excel opens a UTF-8 CSV as UTF-8 (Cyrillic intact) only with it.
  if (!out.write('\uFEFF')) await once(out, 'drain');
  // A lone CR or LF inside a cell is quoted too (csv-stringify quotes only the record delimiter itself).
  const csv = stringify({ record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  csv.pipe(out, { end: false });
  const done = once(csv, 'end');
  const put = async (cells: Cell[]) => {
    if (!csv.write(cells.map((c) => neutralizeCell(c) ?? ''))) await once(csv, 'drain');
  };
  await put(columns.map((c) => c.header));
  for await (const row of rows) await put(columns.map((c) => c.value(row)));
  csv.end();
  await done;
}

async function writeXlsx<Row>(out: Writable, columns: TableColumn<Row>[], rows: Iterable<Row> | AsyncIterable<Row>, sheetName: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
  sheet.addRow(columns.map((c) => c.header)).commit();
  for await (const row of rows) sheet.addRow(columns.map((c) => neutralizeCell(c.value(row)))).commit();
  sheet.commit();
  await workbook.commit();
}

/**
 * Writes a table to `out` as CSV (UTF-8 with a byte order mark, CRLF, RFC 4180 quoting) or XLSX (one sheet,
 * streamed row by row: a long table never sits in memory), every text cell neutralised (neutralizeCell).
 * `rows` may be an async iterable (a database stream). Resolves when the whole file is written; `out` is ended.
 */
export async function writeTable<Row>(
  out: Writable,
  format: TableFormat,
  columns: TableColumn<Row>[],
  rows: Iterable<Row> | AsyncIterable<Row>,
  opts: { sheetName?: string } = {},
): Promise<void> {
  if (format === 'csv') {
    await writeCsv(out, columns, rows);
    out.end();
  } else {
    await writeXlsx(out, columns, rows, opts.sheetName ?? 'Sheet1'); // the workbook writer ends the stream
  }
}

/** What an HTTP answer needs to send a table: the file's headers (a download named `fileName.<ext>`), then the body. */
export interface TableResponse extends Writable {
  setHeader(name: string, value: string): unknown;
  attachment(fileName: string): unknown;
}

/** Sends a table as a file download (Content-Type, Content-Disposition with a UTF-8 name, no caching). */
export async function sendTable<Row>(
  res: TableResponse,
  format: TableFormat,
  fileName: string,
  columns: TableColumn<Row>[],
  rows: Iterable<Row> | AsyncIterable<Row>,
  opts: { sheetName?: string } = {},
): Promise<void> {
  res.attachment(`${fileName}.${TABLE_FILE[format].extension}`);
  res.setHeader('Content-Type', TABLE_FILE[format].contentType);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  await writeTable(res, format, columns, rows, opts);
}
