import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ClientListItemDto, ClientListPageDto, Me } from '../../api/types.ts';
import { api, withQuery } from '../../api/client.ts';
import { keys, PAGE_SIZE } from '../../api/hooks.ts';
import { Page, QueryState } from '../../components/ui.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { Link, setSearchParams, useLocation } from '../../lib/router.tsx';
import { ExportLinks } from '../leads/ExportLinks.tsx';
import { ClientCard } from './ClientCard.tsx';
import { SegmentFilters, type SegmentKey } from '../../components/segments.tsx';

/** Typing settles for this long before the list asks the server. */
const SEARCH_DELAY_MS = 300;

/** The client base: a dense list with search, export and import; `?client=ID` opens a client's card beside it. */
export default function ClientsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const openId = Number(search.get('client')) || null;
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [segments, setSegments] = useState<Partial<Record<SegmentKey, string>>>({});
  // The list's filters as the API reads them (and its export).
  const filters = Object.fromEntries(Object.entries({ q, ...segments }).filter(([, v]) => v)) as Record<string, string>;
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const list = useInfiniteQuery({
    queryKey: keys.clients(filters),
    queryFn: ({ pageParam, signal }) => api.get<ClientListPageDto>(withQuery('/api/clients', { ...filters, limit: PAGE_SIZE, cursor: pageParam }), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const clients = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page
      className={`content-page clients-page${openId ? ' has-client' : ''}`}
      title={t('clients.title')}
      testId="clients-page"
      head={
        <>
          <span className="search">
            <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
              <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
            </svg>
            <input type="search" aria-label={t('clients.search')} placeholder={t('clients.searchPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} data-testid="clients-search" />
          </span>
          <SegmentFilters value={segments} onChange={(k, v) => setSegments((s) => ({ ...s, [k]: v }))} />
          <span className="page-head-spacer" />
          <ExportLinks filters={filters} path="/api/clients/export" />
          <Link href="/clients/duplicates" className="btn btn-sm" data-testid="clients-duplicates">
            {t('duplicates.open')}
          </Link>
          {me.role !== 'assistant' && (
            <Link href="/import" className="btn btn-sm" data-testid="clients-import">
              {t('clients.import')}
            </Link>
          )}
        </>
      }
    >
      <div className="clients-layout">
        <div className="clients-list">
          <QueryState query={list} isEmpty={clients.length === 0} empty={Object.keys(filters).length ? t('clients.noneFound') : t('clients.empty')}>
            <ClientTable clients={clients} openId={openId} />
          </QueryState>
          {list.hasNextPage && (
            <div className="list-foot">
              <button type="button" className="btn btn-sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="clients-more">
                {list.isFetchingNextPage ? t('common.loadingMore') : t('common.loadMore')}
              </button>
            </div>
          )}
        </div>
        {openId && <ClientCard key={openId} id={openId} onClose={() => setSearchParams({ client: null })} />}
      </div>
    </Page>
  );
}

function ClientTable({ clients, openId }: { clients: ClientListItemDto[]; openId: number | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <table className="simple-table clients-table" data-testid="clients-table">
      <thead>
        <tr>
          <th>{t('clients.client')}</th>
          <th>{t('clients.contacts')}</th>
          <th>{t('clients.owner')}</th>
          <th className="num">{t('clients.leads')}</th>
          <th>{t('clients.lastLead')}</th>
          <th className="num">{t('clients.orders')}</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((c) => (
          <tr key={c.id} className={c.id === openId ? 'selected' : undefined} data-testid={`client-${c.id}`}>
            <td className="clients-name">
              <a
                href={`?client=${c.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  setSearchParams({ client: String(c.id) });
                }}
              >
                {c.fullName || c.organization || formatPhone(c.phones[0] ?? null) || c.emails[0] || t('clients.noName')}
              </a>
              {c.fullName && c.organization && <div className="muted small">{c.organization}</div>}
            </td>
            <td className="small">
              {c.phones.length > 0 && <div className="mono">{c.phones.map((p) => formatPhone(p)).join(', ')}</div>}
              {c.emails.length > 0 && <div className="muted">{c.emails.join(', ')}</div>}
            </td>
            <td className="small">{c.ownerName ?? '—'}</td>
            <td className="num" title={t('clients.openOfAll', { open: c.openLeadsCount, count: c.leadsCount })}>
              {c.openLeadsCount}/{c.leadsCount}
            </td>
            <td className="small muted">{c.lastLeadAt ? f.date(c.lastLeadAt) : '—'}</td>
            <td className="num small">{c.ordersCount === null ? '—' : `${f.number(c.ordersCount)}${c.ordersAmount !== null ? ` · ${f.money(c.ordersAmount)}` : ''}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
