import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { filtersFromSearch, normalizeFilters } from '../../api/filters.ts';
import { useLeadList, useReminders } from '../../api/hooks.ts';
import { useLeadCounts } from './useLeadCounts.ts';
import { usePatchLead } from '../../api/mutations.ts';
import { CLOSING, COLOUR_HEX, PIPELINE, leadTitle } from '../../api/labels.ts';
import type { LeadStatus, LeadSummaryDto, Me } from '../../api/types.ts';
import { setSearchParams, useLocation } from '../../lib/router.tsx';
import { useUnseen } from '../../realtime/attention.ts';
import { Ago, FlagIcon, Page, QueryState, Spinner } from '../../components/ui.tsx';
import { FilterBar } from '../leads/FilterBar.tsx';
import { useFormat, useLabels } from '../../i18n/hooks.ts';

const AUTO_PAGES = 10;

/** The same filtered set as the list, as a pipeline: one column per status, drag a card to move it. */
export function BoardPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { search } = useLocation();
  const searchKey = search.toString();
  const filters = useMemo(() => normalizeFilters(filtersFromSearch(new URLSearchParams(searchKey))), [searchKey]);
  const list = useLeadList(filters);
  const patch = usePatchLead();
  const searchRef = useRef<HTMLInputElement>(null);
  const [showClosed, setShowClosed] = useState(false);
  const [dragOver, setDragOver] = useState<LeadStatus | null>(null);
  const openId = Number(search.get('lead')) || null;
  const unseen = useUnseen();
  const f = useFormat();
  // The whole filtered set's figures per column, not only the cards loaded.
  const counts = useLeadCounts(filters, list.dataUpdatedAt);
  const reminders = useReminders();
  const nextReminder = useMemo(() => {
    const m = new Map<number, string>();
    for (const r of reminders.data ?? []) if (r.leadId !== null && !r.doneAt && (!m.has(r.leadId) || r.dueAt < m.get(r.leadId)!)) m.set(r.leadId, r.dueAt);
    return m;
  }, [reminders.data]);
  const countOf = (s: LeadStatus) => counts.data?.byStatus[s]?.count ?? byStatus.get(s)?.length ?? 0;
  const amountsOf = (s: LeadStatus) =>
    Object.entries(counts.data?.byStatus[s]?.amounts ?? {})
      .map(([currency, sum]) => f.money(sum, currency))
      .join(' · ');

  // A board needs the whole set: fetch a few pages on its own, then offer to load more.
  const pages = list.data?.pages.length ?? 0;
  useEffect(() => {
    if (list.hasNextPage && !list.isFetchingNextPage && pages < AUTO_PAGES) void list.fetchNextPage();
  }, [list, pages]);

  const byStatus = useMemo(() => {
    const m = new Map<LeadStatus, LeadSummaryDto[]>();
    for (const p of list.data?.pages ?? []) for (const l of p.items) m.set(l.status, [...(m.get(l.status) ?? []), l]);
    return m;
  }, [list.data]);
  const loaded = list.data?.pages.reduce((n, p) => n + p.items.length, 0);
  const closedCount = CLOSING.reduce((n, s) => n + countOf(s), 0);

  const find = (id: number) => {
    for (const p of list.data?.pages ?? []) {
      const l = p.items.find((x) => x.id === id);
      if (l) return l;
    }
    return undefined;
  };
  const move = (lead: LeadSummaryDto, status: LeadStatus) => {
    if (lead.status !== status) patch.mutate({ lead, patch: { status } });
  };
  const dropProps = (status: LeadStatus) => ({
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes('application/x-leadline-lead')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (dragOver !== status) setDragOver(status);
    },
    onDragLeave: (e: DragEvent) => {
      if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node)) setDragOver(null);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setDragOver(null);
      const lead = find(Number(e.dataTransfer.getData('application/x-leadline-lead')));
      if (lead) move(lead, status);
    },
  });

  const column = (status: LeadStatus, closing = false) => {
    const leads = byStatus.get(status) ?? [];
    return (
      <section
        key={status}
        className={`board-col${closing ? ' board-col-closing' : ''}${dragOver === status ? ' drop-target' : ''}`}
        data-testid={`board-col-${status}`}
        aria-label={t('board.column', { status: labels.status(status), count: countOf(status) })}
        {...dropProps(status)}
      >
        <header className="board-col-head">
          <span title={labels.status(status)}>{labels.status(status)}</span>
          <span className="count" data-testid={`board-count-${status}`}>
            {countOf(status)}
          </span>
          {amountsOf(status) && <span className="board-amount">{amountsOf(status)}</span>}
        </header>
        <div className="board-cards">
          {leads.map((l) => (
            <BoardCard key={l.id} lead={l} isOpen={l.id === openId} isNew={unseen.has(l.id)} next={nextReminder.get(l.id) ?? null} />
          ))}
        </div>
      </section>
    );
  };

  return (
    <Page
      className="board-page"
      title={t('nav.board')}
      testId="board-page"
      head={
        <>
          <span className="muted">{loaded === undefined ? '' : list.hasNextPage ? t('leads.countMore', { count: loaded }) : t('leads.count', { count: loaded })}</span>
          {list.isFetchingNextPage && <Spinner />}
          <span className="page-head-spacer" />
          {list.hasNextPage && pages >= AUTO_PAGES && (
            <button type="button" className="btn btn-sm" onClick={() => void list.fetchNextPage()}>
              {t('common.loadMore')}
            </button>
          )}
        </>
      }
    >
      <FilterBar me={me} filters={filters} searchRef={searchRef} />
      <QueryState query={list} isEmpty={false} empty={null}>
        <div className="board">
          {PIPELINE.map((s) => column(s))}
          <section className={`board-closed${showClosed ? ' expanded' : ''}`} aria-label={t('board.closed')} data-testid="board-closed">
            <button type="button" className="board-closed-toggle" aria-expanded={showClosed} onClick={() => setShowClosed((v) => !v)} data-testid="board-closed-toggle">
              <span aria-hidden="true">{showClosed ? '▾' : '▸'}</span>
              <span className="grow">{t('board.closed')}</span>
              <span className="count">{closedCount}</span>
            </button>
            {showClosed ? (
              <div className="board-closed-cols">{CLOSING.map((s) => column(s, true))}</div>
            ) : (
              <div className="closed-drops">
                {CLOSING.map((s) => (
                  <div key={s} className={`closed-drop${dragOver === s ? ' drop-target' : ''}`} data-testid={`board-drop-${s}`} {...dropProps(s)}>
                    <span>{labels.status(s)}</span> <span className="count">{countOf(s)}</span>
                  </div>
                ))}
                <p className="muted small">{t('board.dropHint')}</p>
              </div>
            )}
          </section>
        </div>
      </QueryState>
    </Page>
  );
}

function BoardCard({ lead, isOpen, isNew, next }: { lead: LeadSummaryDto; isOpen: boolean; isNew: boolean; next: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = leadTitle(lead);
  const tint = lead.colour ? COLOUR_HEX[lead.colour] : undefined;
  return (
    <article
      className={`board-card${isOpen ? ' is-open' : ''}${isNew ? ' is-new' : ''}`}
      draggable
      data-testid={`board-card-${lead.id}`}
      data-lead-id={lead.id}
      style={tint ? { borderLeftColor: tint, background: `color-mix(in srgb, ${tint} 7%, white)` } : undefined}
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-leadline-lead', String(lead.id));
        e.dataTransfer.effectAllowed = 'move';
      }}
      aria-label={name}
    >
      <div className="board-card-top">
        {lead.flagged && (
          <span className="flag-static" aria-label={t('board.flagged')} role="img">
            <FlagIcon on />
          </span>
        )}
        <button type="button" className="board-card-name" onClick={() => setSearchParams({ lead: String(lead.id) })}>
          {name}
        </button>
      </div>
      {lead.client.organization && lead.client.fullName && <div className="sub">{lead.client.organization}</div>}
      <div className="board-card-meta">
        <span>{lead.ownerName ?? <span className="unassigned">{t('common.unassigned')}</span>}</span>
        <span className="muted">
          <Ago iso={lead.createdAt} />
        </span>
      </div>
      {next && (
        <div className={`board-card-next${Date.parse(next) <= Date.now() ? ' overdue' : ''}`} data-testid={`board-next-${lead.id}`}>
          {t('board.next', { when: f.dateTime(next) })}
        </div>
      )}
    </article>
  );
}
