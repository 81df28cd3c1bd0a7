import type { ImportProblemDto, ImportReportDto, Locale } from '../../api-types.js';
import { translate } from '../../i18n/translate.js';
import type { TableColumn } from '../../lib/table-export.js';
import type { ImportRow } from './imports.repo.js';
import { SKIPPING, type RowProblem } from './read-row.js';

/** A problem as the reader sees it: `import.problem.<code>` in their language, naming the field and the value. */
export function toProblemDto(p: RowProblem, locale: Locale): ImportProblemDto {
  const field = p.field ? translate(locale, `import.field.${p.field}`) : '';
  return { row: p.row, field: p.field, code: p.code, message: translate(locale, { key: `import.problem.${p.code}`, params: { field, value: p.value ?? '' } }), skipped: SKIPPING.has(p.code) };
}

export function toImportReport(r: ImportRow, locale: Locale): ImportReportDto {
  const problems = r.problems ? (JSON.parse(r.problems) as RowProblem[]) : [];
  return {
    id: Number(r.id),
    status: r.status,
    fileName: r.file_name,
    total: Number(r.total),
    done: Number(r.done),
    created: Number(r.created),
    updated: Number(r.updated),
    skipped: Number(r.skipped),
    problems: problems.map((p) => toProblemDto(p, locale)),
  };
}

/** The report's problems as a downloadable table, headers in the reader's language. */
export function problemColumns(locale: Locale): TableColumn<ImportProblemDto>[] {
  const t = (key: string) => translate(locale, key);
  return [
    { header: t('import.report.row'), value: (p) => p.row },
    { header: t('import.report.field'), value: (p) => (p.field ? t(`import.field.${p.field}`) : null) },
    { header: t('import.report.problem'), value: (p) => p.message },
    { header: t('import.report.skipped'), value: (p) => (p.skipped ? t('import.report.yes') : null) },
  ];
}
