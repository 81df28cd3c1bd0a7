import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/client.ts';
import { useDepartments } from '../../api/hooks.ts';
import type { Me } from '../../api/types.ts';
import { Loaded, Page } from '../../components/ui.tsx';
import { NamedOptions } from '../../components/options.tsx';
import { setSearchParams, useLocation } from '../../lib/router.tsx';
import { useFormat } from '../../i18n/hooks.ts';
import { useManagersReport } from './api.ts';
import { ActivityFeed } from './ActivityFeed.tsx';
import { FunnelSection } from './FunnelSection.tsx';
import { ManagerCharts } from './ManagerCharts.tsx';
import { ManagersTable } from './ManagersTable.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { daysIn, periodOfDays, presetDays, PRESETS, type Preset } from './period.ts';
import './reports.css';

/**
 * Reports for heads of sales: managers side by side, charts, the funnel, what a manager did. The period and the
 * department sit in the URL (`?period=lastWeek&departmentId=2`, or `period=custom&first=…&last=…`), so a report
 * can be bookmarked and shared. Loaded on its own (with the charts' library) only when opened.
 */
export default function ReportsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { search } = useLocation();
  const preset = (PRESETS as readonly string[]).includes(search.get('period') ?? '') ? (search.get('period') as Preset) : 'thisWeek';
  const first = search.get('first') ?? undefined;
  const last = search.get('last') ?? undefined;
  const days = useMemo(() => presetDays(preset, new Date(), { first, last }), [preset, first, last]);
  const period = useMemo(() => periodOfDays(days), [days]);
  const departmentId = me.can.allDepartments ? Number(search.get('departmentId')) || null : me.departmentId;
  const departments = useDepartments(me.can.allDepartments);
  const report = useManagersReport({ ...period, departmentId });
  const scope = { days, period, departmentId };
  const exportParams = { ...period, departmentId };

  return (
    <Page
      title={t('reports.title')}
      testId="reports-page"
      head={
        <>
          <span className="page-head-spacer" />
          <a className="btn btn-sm" href={withQuery('/api/stats/managers', { ...exportParams, format: 'csv' })} download data-testid="export-csv">
            {t('reports.exportCsv')}
          </a>
          <a className="btn btn-sm" href={withQuery('/api/stats/managers', { ...exportParams, format: 'xlsx' })} download data-testid="export-xlsx">
            {t('reports.exportXlsx')}
          </a>
        </>
      }
    >
      <div className="report-controls">
        <PeriodPicker
          preset={preset}
          days={days}
          onPreset={(p) => setSearchParams({ period: p, first: p === 'custom' ? days.first : null, last: p === 'custom' ? days.last : null }, { replace: true })}
          onDays={(d) => setSearchParams({ period: 'custom', first: d.first, last: d.last }, { replace: true })}
        />
        {me.can.allDepartments && (
          <select aria-label={t('reports.department')} value={departmentId ?? ''} onChange={(e) => setSearchParams({ departmentId: e.target.value || null }, { replace: true })} data-testid="report-department">
            <option value="">{t('reports.allDepartments')}</option>
            <NamedOptions items={departments.data} />
          </select>
        )}
        <span className="muted small" data-testid="report-days">
          {f.date(days.first)} – {f.date(days.last)}
          {report.data && ` · ${t('reports.comparedWith', { from: f.date(report.data.previous.from), to: f.date(new Date(Date.parse(report.data.previous.to) - 1)) })}`}
        </span>
      </div>
      <Loaded query={report} isEmpty={(r) => r.managers.length === 0} empty={t('reports.noManagers')}>
        {(r) => (
          <>
            <section className="report-section" aria-labelledby="managers-title">
              <h2 id="managers-title">{t('reports.managers')}</h2>
              <ManagersTable report={r} scope={scope} />
            </section>
            <ManagerCharts report={r} scope={scope} days={daysIn(days)} />
            <FunnelSection days={days} period={period} departmentId={departmentId} managers={r.managers} />
            <ActivityFeed people={r.managers} period={period} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
