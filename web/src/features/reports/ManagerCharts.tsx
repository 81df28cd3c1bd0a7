import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { navigate } from '../../lib/router.tsx';
import { useFormat } from '../../i18n/hooks.ts';
import { MAX_LINE_DAYS } from './api.ts';
import { figureLink, type DrillScope } from './drill.ts';
import { useColumns, useFigureFormat, type Column } from './figures.ts';
import { dayOf } from './period.ts';
import type { ManagersReport } from './types.ts';

const PALETTE = ['#3a5bd9', '#e8590c', '#2b8a3e', '#ae3ec9', '#1098ad', '#d6336c', '#f08c00', '#5c940d', '#495057', '#7048e8'];
const DEFAULT_CHARTS = ['leadsAssigned', 'contactMedian', 'won'];

/** One bar chart per chosen figure comparing the managers (a bar opens its leads), and the per-day line. */
export function ManagerCharts({ report, scope, days }: { report: ManagersReport; scope: Omit<DrillScope, 'userId'>; days: string[] }) {
  const { t } = useTranslation();
  const columns = useColumns();
  const [chosen, setChosen] = useState<string[]>(DEFAULT_CHARTS);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : columns.filter((col) => col.id === id || c.includes(col.id)).map((col) => col.id)));
  return (
    <section className="report-section" aria-labelledby="charts-title">
      <h2 id="charts-title">{t('reports.charts')}</h2>
      <details className="chart-picker">
        <summary>{t('reports.chooseCharts', { count: chosen.length })}</summary>
        <div className="chart-picker-options">
          {columns.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={chosen.includes(c.id)} onChange={() => toggle(c.id)} />
              {c.title}
            </label>
          ))}
        </div>
      </details>
      <div className="chart-grid">
        {columns
          .filter((c) => chosen.includes(c.id))
          .map((c) => (
            <FigureChart key={c.id} column={c} report={report} scope={scope} />
          ))}
      </div>
      <DailyLine report={report} days={days} />
    </section>
  );
}

function FigureChart({ column, report, scope }: { column: Column; report: ManagersReport; scope: Omit<DrillScope, 'userId'> }) {
  const { t } = useTranslation();
  const format = useFigureFormat();
  const data = report.managers.map((m) => ({ userId: m.userId, name: m.name, value: column.value(m) }));
  if (data.every((d) => d.value === null)) {
    return (
      <figure className="chart" data-testid={`chart-${column.id}`}>
        <figcaption>{column.title}</figcaption>
        <div className="chart-empty">{t('reports.noData')}</div>
      </figure>
    );
  }
  return (
    <figure className="chart" data-testid={`chart-${column.id}`}>
      <figcaption>{column.title}</figcaption>
      <ResponsiveContainer width="100%" height={Math.max(120, 28 * data.length + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke="#eef0f3" />
          <XAxis type="number" tickFormatter={(v: number) => format(column.kind, v)} fontSize={11} allowDecimals={column.kind === 'rate'} />
          <YAxis type="category" dataKey="name" width={110} fontSize={11} />
          <Tooltip formatter={(v) => format(column.kind, typeof v === 'number' ? v : null)} />
          <Bar
            dataKey="value"
            name={column.title}
            fill="#3a5bd9"
            cursor="pointer"
            isAnimationActive={false}
            onClick={(d: { payload?: { userId: number } }) => d.payload && navigate(figureLink(column.figure, { ...scope, userId: d.payload.userId }))}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

const LINE_FIGURES = ['leadsAssigned', 'callsMade', 'statusChanges', 'won'] as const;

/** How each manager's figure went day by day over the period (the report's own per-day series). */
function DailyLine({ report, days }: { report: ManagersReport; days: string[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const columns = useColumns();
  const [figure, setFigure] = useState<(typeof LINE_FIGURES)[number]>('leadsAssigned');
  const data = useMemo(
    () =>
      // Days still to come (this week, this month) are not drawn as zeros: the line stops at today.
      report.days.filter((day) => day.date.slice(0, 10) <= dayOf(new Date())).map((day) => {
        const row: Record<string, string | number> = { day: f.date(day.date).slice(0, 5) };
        for (const m of day.managers) row[String(m.userId)] = m[figure];
        return row;
      }),
    [report.days, figure, f],
  );
  if (days.length > MAX_LINE_DAYS) return <p className="muted small">{t('reports.lineTooLong', { max: MAX_LINE_DAYS })}</p>;
  return (
    <figure className="chart chart-wide" data-testid="chart-daily">
      <figcaption>
        <label>
          {t('reports.perDay')}{' '}
          <select value={figure} onChange={(e) => setFigure(e.target.value as (typeof LINE_FIGURES)[number])}>
            {LINE_FIGURES.map((id) => (
              <option key={id} value={id}>
                {columns.find((c) => c.id === id)!.title}
              </option>
            ))}
          </select>
        </label>
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#eef0f3" />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} width={32} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {report.managers.map((m, i) => (
            <Line key={m.userId} type="linear" dataKey={String(m.userId)} name={m.name} stroke={PALETTE[i % PALETTE.length]} dot={{ r: 2 }} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
