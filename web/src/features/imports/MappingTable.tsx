import { useTranslation } from 'react-i18next';
import { IMPORT_FIELD_NAMES, type ImportFieldName, type ImportMappingDto, type ImportUploadDto } from '../../../../server/api-types.ts';

/** The fields' names on screen (literal keys, so the catalogue test sees each one). */
function useFieldLabels(): Record<ImportFieldName, string> {
  const { t } = useTranslation();
  return {
    externalId: t('imports.field.externalId'),
    fullName: t('imports.field.fullName'),
    organization: t('imports.field.organization'),
    phones: t('imports.field.phones'),
    emails: t('imports.field.emails'),
    address: t('imports.field.address'),
    service: t('imports.field.service'),
    comment: t('imports.field.comment'),
    birthday: t('imports.field.birthday'),
    firstOrderAt: t('imports.field.firstOrderAt'),
    lastOrderAt: t('imports.field.lastOrderAt'),
    ordersCount: t('imports.field.ordersCount'),
    ordersAmount: t('imports.field.ordersAmount'),
    owner: t('imports.field.owner'),
  };
}

/** Which field each column of the file holds: one select per column, the first lines of the file under it. */
export function MappingTable({ upload, mapping, onChange }: { upload: ImportUploadDto; mapping: ImportMappingDto; onChange: (m: ImportMappingDto) => void }) {
  const { t } = useTranslation();
  const labels = useFieldLabels();
  const fieldOf = (col: number): ImportFieldName | '' => (Object.entries(mapping).find(([, c]) => c === col)?.[0] as ImportFieldName | undefined) ?? '';
  const choose = (col: number, field: ImportFieldName | '') => {
    const next: ImportMappingDto = {};
    for (const [f, c] of Object.entries(mapping) as [ImportFieldName, number][]) if (c !== col && f !== field) next[f] = c;
    if (field) next[field] = col;
    onChange(next);
  };
  return (
    <div className="import-mapping-wrap">
      <table className="simple-table import-mapping" data-testid="import-mapping">
        <thead>
          <tr>
            <th>{t('imports.row')}</th>
            {upload.columns.map((c, i) => (
              <th key={i}>
                <div className="muted small">{c || t('imports.noHeader')}</div>
                <select aria-label={t('imports.columnMeans', { column: c || i + 1 })} value={fieldOf(i)} onChange={(e) => choose(i, e.target.value as ImportFieldName | '')} data-testid={`import-column-${i}`}>
                  <option value="">{t('imports.skipColumn')}</option>
                  {IMPORT_FIELD_NAMES.map((f) => (
                    <option key={f} value={f}>
                      {labels[f]}
                    </option>
                  ))}
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {upload.preview.map((r) => (
            <tr key={r.row}>
              <td className="muted">{r.row}</td>
              {upload.columns.map((_, i) => (
                <td key={i} className={fieldOf(i) ? '' : 'muted'}>
                  {r.cells[i] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
