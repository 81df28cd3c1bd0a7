import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filtersFromSearch, normalizeFilters } from '../../api/filters.ts';
import { useLeadList } from '../../api/hooks.ts';
import { usePatchLead } from '../../api/mutations.ts';
import type { LeadSummaryDto, Me } from '../../api/types.ts';
import { setSearchParams, useLocation } from '../../lib/router.tsx';
import { markSeen, useUnseen } from '../../realtime/attention.ts';
import { Page, QueryState } from '../../components/ui.tsx';
import { FilterBar } from './FilterBar.tsx';
import { LeadTable } from './LeadTable.tsx';
import { useListKeys } from './useListKeys.ts';
import { NewLeadDialog } from './NewLeadDialog.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { SavedViews } from './SavedViews.tsx';
import { useLeadTotal } from './useLeadTotal.ts';

/** The lead list: filters from the URL, saved views, exports, sorting and the total (the inbox has its own page). */
export function LeadsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const searchKey = search.toString();
  const filters = useMemo(() => normalizeFilters(filtersFromSearch(new URLSearchParams(searchKey))), [searchKey]);
  const list = useLeadList(filters);
  const leads = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const counted = useLeadTotal(filters, !filters.q, list.dataUpdatedAt);
  const total = list.data?.pages[0]?.total ?? counted.data?.total;
  const totalEstimated = list.data?.pages[0]?.totalEstimated === true;
  const totalAtLeast = !filters.q && counted.data?.totalAtLeast === true;
  const sortRestricted = list.data?.pages[0]?.sortRestricted === true;
  const openId = Number(search.get('lead')) || null;
  const [selected, setSelected] = useState<number | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const patch = usePatchLead();
  const unseen = useUnseen();
  const [creating, setCreating] = useState(false);

  // Keep the selection on the open lead; otherwise on the first row.
  useEffect(() => {
    if (openId) setSelected(openId);
  }, [openId]);
  const selIndex = Math.max(
    0,
    leads.findIndex((l) => l.id === selected),
  );
  const current: LeadSummaryDto | undefined = leads[selIndex];

  const open = (id: number) => setSearchParams({ lead: String(id) });

  useListKeys({
    move: (d) => {
      if (!leads.length) return;
      const next = leads[Math.min(leads.length - 1, Math.max(0, selIndex + d))]!;
      setSelected(next.id);
      // With the card open, moving through the list moves the card too (like a mail client's reading pane).
      if (openId) setSearchParams({ lead: String(next.id) }, { replace: true });
      document.querySelector<HTMLElement>(`[data-testid="lead-row-${next.id}"]`)?.focus({ preventScroll: false });
    },
    open: () => current && open(current.id),
    search: () => searchRef.current?.focus(),
    flag: () => current && patch.mutate({ lead: current, patch: { flagged: !current.flagged } }),
  });

  const newCount = leads.filter((l) => unseen.has(l.id)).length;

  return (
    <Page
      className="list-page"
      title={t('nav.leads')}
      testId="leads-page"
      head={
        <>
          <span className="muted">
            {total !== undefined
                ? totalEstimated
                  ? t('leads.countAbout', { count: total })
                  : totalAtLeast
                    ? t('leads.countMore', { count: total })
                    : t('leads.count', { count: total })
                : leads.length
                  ? list.hasNextPage
                    ? t('leads.countMore', { count: leads.length })
                    : t('leads.count', { count: leads.length })
                  : ''}
          </span>
          {newCount > 0 && (
            <>
              <span className="badge badge-new" data-testid="new-count">
                {t('leads.newCount', { count: newCount })}
              </span>
              <button type="button" className="btn btn-xs btn-ghost" onClick={() => leads.forEach((l) => markSeen(l.id))} data-testid="mark-all-seen">
                {t('leads.markAllSeen')}
              </button>
            </>
          )}
          <span className="page-head-spacer" />
          <span className="kbd-hint muted small" aria-hidden="true">
            <kbd>j</kbd>
            <kbd>k</kbd> {t('leads.keyMove')} · <kbd>Enter</kbd> {t('leads.keyOpen')} · <kbd>f</kbd> {t('leads.keyFlag')} · <kbd>/</kbd> {t('leads.keySearch')}
          </span>
          <SavedViews />
          <ExportLinks filters={filters} />
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setCreating(true)} data-testid="new-lead">
            {t('leads.newLead')}
          </button>
        </>
      }
    >
      {creating && <NewLeadDialog me={me} onClose={() => setCreating(false)} />}
      <FilterBar me={me} filters={filters} searchRef={searchRef} />
      {sortRestricted && (
        <div className="notice small" data-testid="sort-restricted">
          {t('views.sortRestricted')}
        </div>
      )}
      <QueryState query={list} isEmpty={leads.length === 0} empty={t('leads.noMatch')} failed={(message) => t('leads.loadFailed', { message })}>
        <LeadTable
          leads={leads}
          selectedId={current?.id ?? null}
          openId={openId}
          unseen={unseen}
          onOpen={(id) => {
            setSelected(id);
            open(id);
          }}
          onFlag={(lead) => patch.mutate({ lead, patch: { flagged: !lead.flagged } })}
          hasMore={!!list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          loadMore={() => void list.fetchNextPage()}
          sort={filters.sort}
          onSort={(sort) => setSearchParams({ sort: sort === '-created' ? null : sort }, { replace: true })}
          hideOwner={me.role === 'manager'}
        />
      </QueryState>
    </Page>
  );
}
