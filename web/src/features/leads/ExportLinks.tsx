import { useTranslation } from 'react-i18next';
import { filtersToParams, type LeadFilters } from '../../api/filters.ts';

/** Downloads of the list on screen (the same filters) as CSV or XLSX; the server streams the file. */
export function ExportLinks({ filters, path = '/api/leads/export' }: { filters: LeadFilters | Record<string, string>; path?: string }) {
  const { t } = useTranslation();
  const params = path === '/api/leads/export' ? filtersToParams(filters as LeadFilters) : (filters as Record<string, string>);
  const href = (format: 'csv' | 'xlsx') => `${path}?${new URLSearchParams({ ...params, format }).toString()}`;
  return (
    <span className="export-links" role="group" aria-label={t('export.label')}>
      <a className="btn btn-sm btn-ghost" href={href('csv')} download data-testid="export-csv">
        {t('export.csv')}
      </a>
      <a className="btn btn-sm btn-ghost" href={href('xlsx')} download data-testid="export-xlsx">
        {t('export.xlsx')}
      </a>
    </span>
  );
}
