import { CLOSING_STATUSES, type FunnelDto, type Locale, type ManagerFiguresDto, type ManagersStatsDto } from '../../api-types.js';
import type { TableColumn } from '../../lib/table-export.js';
import { label, translate } from '../../i18n/translate.js';

const percent = (r: number | null): number | null => (r === null ? null : Math.round(r * 1000) / 10);

type ManagerLine = ManagerFiguresDto & { name: string };

/** The managers report as a table: one line per manager, then the totals; headers in the reader's language. */
export function managersTable(stats: ManagersStatsDto, locale: Locale): { columns: TableColumn<ManagerLine>[]; rows: ManagerLine[] } {
  const t = (key: string, params?: Record<string, string>) => translate(locale, { key, params });
  const columns: TableColumn<ManagerLine>[] = [
    { header: t('report.manager'), value: (r) => r.name },
    { header: t('report.leads_assigned'), value: (r) => r.leadsAssigned },
    { header: t('report.assign_median'), value: (r) => r.assignSeconds.median },
    { header: t('report.assign_p90'), value: (r) => r.assignSeconds.p90 },
    { header: t('report.first_contact_median'), value: (r) => r.firstContactSeconds.median },
    { header: t('report.first_contact_p90'), value: (r) => r.firstContactSeconds.p90 },
    { header: t('report.calls_made'), value: (r) => r.callsMade },
    { header: t('report.calls_answered'), value: (r) => r.callsAnswered },
    { header: t('report.calls_missed'), value: (r) => r.callsMissed },
    { header: t('report.talk_seconds'), value: (r) => r.talkSeconds },
    { header: t('report.avg_talk_seconds'), value: (r) => r.avgTalkSeconds },
    { header: t('report.status_changes'), value: (r) => r.statusChanges },
    { header: t('report.won'), value: (r) => r.won },
    ...CLOSING_STATUSES.map((s): TableColumn<ManagerLine> => ({ header: t('report.lost', { reason: label(locale, `status.${s}`) }), value: (r) => r.lost[s] })),
    { header: t('report.conversion'), value: (r) => percent(r.conversionRate) },
  ];
  const rows: ManagerLine[] = [...stats.managers, { ...stats.totals, name: t('report.totals') }];
  return { columns, rows };
}

interface FunnelLine {
  status: string;
  count: number;
  conversion: number | null;
}

/** The funnel as a table: the steps with their conversions, then the losses by reason. */
export function funnelTable(funnel: FunnelDto, locale: Locale): { columns: TableColumn<FunnelLine>[]; rows: FunnelLine[] } {
  const t = (key: string, params?: Record<string, string>) => translate(locale, { key, params });
  const columns: TableColumn<FunnelLine>[] = [
    { header: t('report.status'), value: (r) => r.status },
    { header: t('report.reached'), value: (r) => r.count },
    { header: t('report.conversion_from_previous'), value: (r) => percent(r.conversion) },
  ];
  const rows: FunnelLine[] = [
    ...funnel.steps.map((s) => ({ status: label(locale, `status.${s.status}`), count: s.reached, conversion: s.conversionFromPrevious })),
    ...funnel.lost.map((l) => ({ status: t('report.lost_step', { reason: label(locale, `status.${l.status}`) }), count: l.count, conversion: null })),
  ];
  return { columns, rows };
}
