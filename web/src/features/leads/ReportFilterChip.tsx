import { useTranslation } from 'react-i18next';
import { hasReportFilter, REPORT_FILTER_KEYS, type LeadFilters } from '../../api/filters.ts';
import { useUsers } from '../../api/hooks.ts';
import type { LeadStatus } from '../../api/types.ts';
import { setSearchParams } from '../../lib/router.tsx';
import { useFormat, useLabels } from '../../i18n/hooks.ts';

/** Clears the filters a report's link set (the list's own filters stay). */
export const NO_REPORT_FILTERS = Object.fromEntries(REPORT_FILTER_KEYS.map((k) => [k, null])) as Record<(typeof REPORT_FILTER_KEYS)[number], null>;

/** A list opened from a report's number says which number it is, and can be widened back to the plain list. */
export function ReportFilterChip({ filters }: { filters: LeadFilters }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  const users = useUsers(!!filters.activityBy);
  if (!hasReportFilter(filters)) return null;
  // The period is half-open: its last day is the one before `to`.
  const span = (from?: string, to?: string) => (from && to ? `${f.date(from)} – ${f.date(new Date(Date.parse(to) - 1))}` : '');
  const parts: string[] = [];
  if (filters.assignedFrom) parts.push(t('filters.reportAssigned', { period: span(filters.assignedFrom, filters.assignedTo) }));
  if (filters.reached) parts.push(t('filters.reportReached', { status: labels.status(filters.reached as LeadStatus) }));
  if (filters.activity) {
    const period = span(filters.activityFrom, filters.activityTo);
    const kind = {
      call_made: t('filters.reportCallsMade', { period }),
      call_answered: t('filters.reportCallsAnswered', { period }),
      call_missed: t('filters.reportCallsMissed', { period }),
      call_talked: t('filters.reportCallsTalked', { period }),
      status: t('filters.reportStatusChanges', { period }),
    }[filters.activity];
    if (kind) parts.push(kind);
    const by = users.data?.find((u) => String(u.id) === filters.activityBy);
    if (by) parts.push(t('filters.reportBy', { name: by.name }));
  }
  return (
    <span className="report-chip" data-testid="report-filter">
      <span>
        {t('filters.fromReport')}: {parts.join(', ')}
      </span>
      <button type="button" className="btn btn-xs btn-ghost" aria-label={t('filters.clearReport')} onClick={() => setSearchParams(NO_REPORT_FILTERS, { replace: true })}>
        ×
      </button>
    </span>
  );
}
