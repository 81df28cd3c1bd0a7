/** The client fields an imported column may mean. */
export const IMPORT_FIELD_NAMES = [
  'externalId', 'fullName', 'organization', 'phones', 'emails', 'address', 'service', 'comment',
  'birthday', 'firstOrderAt', 'lastOrderAt', 'ordersCount', 'ordersAmount', 'owner',
] as const;
export type ImportFieldName = (typeof IMPORT_FIELD_NAMES)[number];

/** Which column (0-based) holds each field. */
export type ImportMappingDto = Partial<Record<ImportFieldName, number>>;

/** The answer to an upload: the header cells, the guessed mapping and the first lines (cells as text). */
export interface ImportUploadDto {
  id: number;
  columns: string[];
  guessedMapping: ImportMappingDto;
  preview: { row: number; cells: (string | null)[] }[];
  /** Data lines in the file (header excluded). */
  rows: number;
}

/** One problem of one line; `message` in the reader's language. */
export interface ImportProblemDto {
  row: number;
  field: ImportFieldName | null;
  code: string;
  message: string;
  /** Whether the line is left out because of it. */
  skipped: boolean;
}

export interface ImportDryRunDto {
  /** Data lines read. */
  rows: number;
  /** Lines that would go in (new clients and updates). */
  ok: number;
  created: number;
  updated: number;
  skipped: number;
  problems: ImportProblemDto[];
}

export type ImportStatus = 'uploaded' | 'running' | 'done' | 'failed';

export interface ImportReportDto {
  id: number;
  status: ImportStatus;
  fileName: string;
  total: number;
  done: number;
  created: number;
  updated: number;
  skipped: number;
  problems: ImportProblemDto[];
}

/** `import:progress`, to the importing user: lines written so far of all. */
export interface ImportProgressEvent {
  id: number;
  done: number;
  total: number;
  status: ImportStatus;
}
