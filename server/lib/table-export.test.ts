import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, writeTable, type TableColumn } from './table-export.js';

interface Person {
  name: string;
  leads: number;
  note: string | null;
}

const columns: TableColumn<Person>[] = [
  { header: 'Имя', value: (p) => p.name },
  { header: 'Leads', value: (p) => p.leads },
  { header: 'Note', value: (p) => p.note },
];

const people: Person[] = [
  { name: 'Анна', leads: 5, note: 'a "quoted", text' },
  { name: '=HYPERLINK("http://evil.example","click")', leads: -3, note: '+7 916 555-12-34' },
  { name: '@SUM(A1)', leads: 0, note: '-2+3' },
  { name: '\tTab', leads: 1, note: '\rCR' },
];

async function render(format: 'csv' | 'xlsx', rows: Iterable<Person> | AsyncIterable<Person>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('end', r));
  await writeTable(out, format, columns, rows, { sheetName: 'Менеджеры' });
  await ended;
  return Buffer.concat(chunks);
}

describe('table export', () => {
  it('neutralises texts a spreadsheet would run as formulas, and only those', () => {
    expect(['=1+1', '+7 916', '-x', '@A1', '\tx', '\rx'].map(neutralizeCell)).toEqual(["'=1+1", "'+7 916", "'-x", "'@A1", "'\tx", "'\rx"]);
    expect([' =x', 'a=b', -5, null, ''].map(neutralizeCell)).toEqual([' =x', 'a=b', -5, null, '']);
  });

  it('writes CSV as UTF-8 with a byte order mark, quoted where needed, formulas neutralised', async () => {
    const csv = await render('csv', people);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Имя,Leads,Note');
    expect(lines[1]).toBe('Анна,5,"a ""quoted"", text"');
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")",-3,'+7 916 555-12-34`);
    expect(lines[3]).toBe(`'@SUM(A1),0,'-2+3`);
    expect(lines[4]).toBe(`'\tTab,1,"'\rCR"`);
  });

  it('writes XLSX that a spreadsheet reads back: one sheet, headers, numbers as numbers, formulas as plain text', async () => {
    async function* streamed() {
      yield* people;
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await render('xlsx', streamed())) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Менеджеры');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Имя', 'Leads', 'Note']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Анна', 5, 'a "quoted", text']);
    expect(sheet.getCell('A3').value).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(sheet.getCell('A3').formula).toBeUndefined();
    expect(sheet.getCell('B3').value).toBe(-3);
    expect(sheet.getCell('A4').value).toBe("'@SUM(A1)");
    expect(sheet.rowCount).toBe(5);
  });
});
