import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/ui.tsx';
import { Link } from '../../lib/router.tsx';
import { useFormat, useLabels } from '../../i18n/hooks.ts';
import { useFunnel } from './api.ts';
import { lostLink, reachedLink } from './drill.ts';
import { useFigureFormat } from './figures.ts';
import type { Days } from './period.ts';

/** The funnel of the leads that arrived in the period: each step's bar opens its leads, then where they were lost. */
export function FunnelSection({ days, period, departmentId, managers }: { days: Days; period: { from: string; to: string }; departmentId: number | null; managers: { userId: number; name: string }[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  const format = useFigureFormat();
  const [ownerId, setOwnerId] = useState<number | null>(null);
  const funnel = useFunnel({ ...period, departmentId, ownerId });
  const scope = { days, departmentId, ownerId };
  return (
    <section className="report-section" aria-labelledby="funnel-title" data-testid="funnel">
      <div className="report-head">
        <h2 id="funnel-title">{t('reports.funnel')}</h2>
        <select aria-label={t('reports.funnelOwner')} value={ownerId ?? ''} onChange={(e) => setOwnerId(e.target.value ? Number(e.target.value) : null)}>
          <option value="">{t('reports.allManagers')}</option>
          {managers.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <Loaded query={funnel}>
        {(data) => {
          const top = Math.max(1, ...data.steps.map((s) => s.reached));
          const lost = data.lost.filter((l) => l.count > 0);
          return (
            <div className="funnel-grid">
              <ol className="funnel">
                {data.steps.map((s) => (
                  <li key={s.status}>
                    <Link href={reachedLink(s.status, scope)} className="funnel-step" aria-label={`${labels.status(s.status)}: ${f.number(s.reached)}`} data-testid={`funnel-${s.status}`}>
                      <span className="funnel-label">{labels.status(s.status)}</span>
                      <span className="funnel-bar" style={{ width: `${(100 * s.reached) / top}%` }} aria-hidden="true" />
                      <span className="funnel-count">{f.number(s.reached)}</span>
                      <span className="funnel-rate muted">{s.conversionFromPrevious === null ? '' : format('rate', s.conversionFromPrevious)}</span>
                    </Link>
                  </li>
                ))}
              </ol>
              <div>
                <h3 className="small muted">{t('reports.lostReasons')}</h3>
                {lost.length === 0 ? (
                  <p className="muted small">{t('reports.noneLost')}</p>
                ) : (
                  <ul className="lost-list">
                    {lost.map((l) => (
                      <li key={l.status}>
                        <Link href={lostLink(l.status, scope)} className="figure-link">
                          {labels.status(l.status)}: {f.number(l.count)}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}
