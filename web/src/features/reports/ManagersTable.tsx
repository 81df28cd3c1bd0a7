import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSING } from '../../api/labels.ts';
import { Link } from '../../lib/router.tsx';
import { useLabels } from '../../i18n/hooks.ts';
import { figureLink, type DrillScope } from './drill.ts';
import { useColumns, useFigureFormat, type Column } from './figures.ts';
import type { ManagerFigures, ManagersReport } from './types.ts';

type Sort = { column: string; descending: boolean };

/** Managers side by side: one row each, sortable by any figure, the totals below, trends against the previous period. */
export function ManagersTable({ report, scope }: { report: ManagersReport; scope: Omit<DrillScope, 'userId'> }) {
  const { t } = useTranslation();
  const columns = useColumns();
  const [sort, setSort] = useState<Sort>({ column: 'leadsAssigned', descending: true });
  const rows = useMemo(() => {
    const col = columns.find((c) => c.id === sort.column);
    const list = [...report.managers];
    if (!col) return list.sort((a, b) => a.name.localeCompare(b.name) * (sort.descending ? -1 : 1));
    // No value (no samples) goes last whichever way the column is sorted.
    return list.sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
      return (x - y) * (sort.descending ? -1 : 1) || a.name.localeCompare(b.name);
    });
  }, [report.managers, columns, sort]);

  const header = (id: string, title: string) => {
    const active = sort.column === id;
    return (
      <th key={id} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'} scope="col">
        <button type="button" className="sort-button" onClick={() => setSort({ column: id, descending: active ? !sort.descending : id !== 'name' })}>
          {title}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.descending ? '▾' : '▴') : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-scroll">
      <table className="report-table" data-testid="managers-table">
        <caption className="sr-only">{t('reports.managersCaption')}</caption>
        <thead>
          <tr>
            {header('name', t('reports.col.manager'))}
            {columns.map((c) => header(c.id, c.title))}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.userId} data-testid={`manager-row-${m.userId}`}>
              <th scope="row" className="name-cell">
                {m.name}
              </th>
              {columns.map((c) => (
                <FigureCell key={c.id} column={c} figures={m} previous={m.previous} href={figureLink(c.figure, { ...scope, userId: m.userId })} lostHrefs={lostHrefs(scope, m.userId)} />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="totals-row">
            <th scope="row" className="name-cell">
              {t('reports.totals')}
            </th>
            {columns.map((c) => (
              <FigureCell key={c.id} column={c} figures={report.totals} previous={report.totals.previous} href={figureLink(c.figure, scope)} lostHrefs={lostHrefs(scope)} />
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function lostHrefs(scope: Omit<DrillScope, 'userId'>, userId?: number) {
  return Object.fromEntries(CLOSING.map((s) => [s, figureLink('lost', { ...scope, userId }, s)]));
}

/** A figure that opens its leads, with an arrow saying how it moved since the previous period. */
function FigureCell({ column, figures, previous, href, lostHrefs }: { column: Column; figures: ManagerFigures; previous?: ManagerFigures; href: string; lostHrefs: Record<string, string> }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFigureFormat();
  const value = column.value(figures);
  const before = previous ? column.value(previous) : null;
  const trend = value === null || before === null || value === before ? null : value > before ? 'up' : 'down';
  const good = trend && (trend === 'up') === column.higherIsBetter;
  const reasons = column.id === 'lost' ? CLOSING.filter((s) => (figures.lost[s] ?? 0) > 0) : [];
  return (
    <td className="num" data-figure={column.id}>
      {value === null ? (
        <span className="muted">—</span>
      ) : (
        <Link href={href} className="figure-link" aria-label={`${column.title}: ${format(column.kind, value)}`}>
          {format(column.kind, value)}
        </Link>
      )}
      {trend && (
        <span className={`trend ${good ? 'trend-good' : 'trend-bad'}`} title={t('reports.previousValue', { value: format(column.kind, before) })}>
          <span aria-hidden="true">{trend === 'up' ? '↑' : '↓'}</span>
          <span className="sr-only">{t('reports.previousValue', { value: format(column.kind, before) })}</span>
        </span>
      )}
      {reasons.length > 0 && (
        <span className="lost-reasons">
          {reasons.map((s) => (
            <Link key={s} href={lostHrefs[s]!} className="reason-link" title={labels.status(s)}>
              {labels.status(s)} {figures.lost[s]}
            </Link>
          ))}
        </span>
      )}
    </td>
  );
}
