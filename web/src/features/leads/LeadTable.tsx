import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadSummaryDto } from '../../api/types.ts';
import { leadTitle } from '../../api/labels.ts';
import { useSites } from '../../api/hooks.ts';
import { Ago, ColourDot, FlagIcon, StatusChip } from '../../components/ui.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat, useLabels } from '../../i18n/hooks.ts';

interface Props {
  leads: LeadSummaryDto[];
  selectedId: number | null;
  openId: number | null;
  unseen: ReadonlySet<number>;
  onOpen: (id: number) => void;
  onFlag: (lead: LeadSummaryDto) => void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  /** The list's order as the URL says it (`client`, `-created` …), and how to change it; no sorting without it. */
  sort?: string;
  onSort?: (sort: string) => void;
  /** A manager's own list: every row is theirs, the owner column says nothing. */
  hideOwner?: boolean;
}

/** A column head that sorts the list by its column: ascending first, then descending. */
function SortTh({ column, label, className, sort, onSort }: { column: string; label: string; className: string; sort?: string; onSort?: (s: string) => void }) {
  if (!onSort) return <th className={className}>{label}</th>;
  const current = sort ?? '-created';
  const dir = current === column ? 'ascending' : current === `-${column}` ? 'descending' : 'none';
  return (
    <th className={className} aria-sort={dir}>
      <button type="button" className="sort-btn" data-testid={`sort-${column}`} onClick={() => onSort(dir === 'ascending' ? `-${column}` : column)}>
        {label}
        <span aria-hidden="true">{dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''}</span>
      </button>
    </th>
  );
}

export function LeadTable({ leads, selectedId, openId, unseen, onOpen, onFlag, hasMore, loadingMore, loadMore, sort, onSort, hideOwner = false }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  const sites = useSites();
  const siteName = (id: number | null) => (id === null ? null : (sites.data?.find((s) => s.id === id)?.name ?? null));
  const sentinel = useRef<HTMLDivElement>(null);
  const more = useRef(loadMore);
  more.current = loadMore;

  // Infinite scroll: the next page loads when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more.current(), { rootMargin: '400px' });
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore, leads.length]);

  return (
    <div className="table-wrap">
      <table className="lead-table" data-testid="lead-table">
        <thead>
          <tr>
            <th className="col-flag">
              <span className="sr-only">{t('table.flag')}</span>
            </th>
            <SortTh column="client" className="col-client" label={t('table.client')} sort={sort} onSort={onSort} />
            <th className="col-phone">{t('table.phone')}</th>
            <SortTh column="status" className="col-status" label={t('table.status')} sort={sort} onSort={onSort} />
            <th className="col-amount">{t('table.amount')}</th>
            {!hideOwner && <SortTh column="owner" className="col-owner" label={t('table.owner')} sort={sort} onSort={onSort} />}
            <SortTh column="source" className="col-source" label={t('table.source')} sort={sort} onSort={onSort} />
            <SortTh column="created" className="col-created" label={t('table.created')} sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {leads.map((l) => {
            const isNew = unseen.has(l.id);
            const name = leadTitle(l);
            return (
              <tr
                key={l.id}
                data-testid={`lead-row-${l.id}`}
                data-lead-id={l.id}
                data-new={isNew ? 'true' : undefined}
                className={[isNew && 'is-new', l.id === selectedId && 'is-selected', l.id === openId && 'is-open'].filter(Boolean).join(' ')}
                aria-selected={l.id === selectedId}
                tabIndex={l.id === selectedId ? 0 : -1}
                onClick={() => onOpen(l.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && e.target === e.currentTarget) {
                    e.preventDefault();
                    onOpen(l.id);
                  }
                }}
              >
                <td className="col-flag">
                  <button
                    type="button"
                    className={`flag-btn${l.flagged ? ' on' : ''}`}
                    aria-label={l.flagged ? t('lead.unflag') : t('lead.flag')}
                    aria-pressed={l.flagged}
                    data-testid={`flag-${l.id}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      onFlag(l);
                    }}
                  >
                    <FlagIcon on={l.flagged} />
                  </button>
                  <ColourDot colour={l.colour} />
                </td>
                <td className="col-client">
                  <div className="client-cell">
                    {isNew && <span className="new-dot" aria-label={t('lead.new')} role="img" />}
                    <a
                      className="client-name"
                      href={`?lead=${l.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        e.stopPropagation();
                        onOpen(l.id);
                      }}
                    >
                      {name}
                    </a>
                    {l.returningClient && (
                      <span className="badge badge-returning" title={t('lead.returningClient')} data-testid="returning-badge">
                        {t('lead.returning')}
                      </span>
                    )}
                  </div>
                  {l.client.organization && l.client.fullName && <div className="sub">{l.client.organization}</div>}
                </td>
                <td className="col-phone mono">{formatPhone(l.client.phone) ?? <span className="muted">{l.client.email ?? '—'}</span>}</td>
                <td className="col-status">
                  <StatusChip status={l.status} />
                </td>
                <td className="col-amount num" data-testid={`lead-amount-${l.id}`}>
                  {l.amount === null ? '' : f.money(l.amount, l.currency ?? undefined)}
                </td>
                {!hideOwner && <td className="col-owner">{l.ownerName ?? <span className="unassigned">{t('common.unassigned')}</span>}</td>}
                <td className="col-source muted">{siteName(l.siteId) ?? labels.source(l.source)}</td>
                <td className="col-created muted">
                  <Ago iso={l.createdAt} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div ref={sentinel} className="list-end">
        {hasMore ? (
          <button type="button" className="btn btn-sm" onClick={loadMore} disabled={loadingMore} data-testid="load-more">
            {loadingMore ? t('common.loadingMore') : t('common.loadMore')}
          </button>
        ) : (
          <span className="muted small">{t('table.end')}</span>
        )}
      </div>
    </div>
  );
}
