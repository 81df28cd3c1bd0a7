import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSites } from '../../api/hooks.ts';
import type { Me } from '../../api/types.ts';
import { setSearchParams, useLocation } from '../../lib/router.tsx';
import { useUnseen } from '../../realtime/attention.ts';
import { Page, QueryState } from '../../components/ui.tsx';
import { NewLeadDialog } from '../leads/NewLeadDialog.tsx';
import { LiveCalls } from '../calls/LiveCalls.tsx';
import { AssignMenu } from './AssignMenu.tsx';
import { InboxRow } from './InboxRow.tsx';
import { inboxMuted, useInboxMuted } from './inbox-alarm.ts';
import { useInboxKeys } from './inbox-keys.ts';
import { useInbox } from './use-inbox.ts';
import './inbox.css';

/**
 * The curator's inbox: every lead without a manager, longest waiting first, its waiting time coloured against the
 * department's speed-to-lead deadline; rows selected by click, Shift-click or keys and given to a manager at once.
 */
export function InboxPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const openId = Number(search.get('lead')) || null;
  const { list, rows, total, more, late } = useInbox();
  const sites = useSites();
  const unseen = useUnseen();
  const muted = useInboxMuted();
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [assigning, setAssigning] = useState<'bulk' | number | null>(null);
  const [creating, setCreating] = useState(false);

  const ids = rows.map((r) => r.lead.id);
  const index = Math.max(0, ids.indexOf(currentId ?? openId ?? -1));
  const current = rows[index]?.lead;
  // Assigned leads leave the inbox, and the selection with them.
  const selection = useMemo(() => rows.filter((r) => checked.has(r.lead.id)).map((r) => r.lead), [rows, checked]);
  useEffect(() => {
    if (openId) setCurrentId(openId);
  }, [openId]);

  const range = (fromId: number | null, toId: number) => {
    const a = fromId === null ? -1 : ids.indexOf(fromId);
    const b = ids.indexOf(toId);
    if (a < 0) return [toId];
    return ids.slice(Math.min(a, b), Math.max(a, b) + 1);
  };
  const pick = (id: number, how: 'open' | 'toggle' | 'range') => {
    setCurrentId(id);
    if (how === 'open') {
      setSearchParams({ lead: String(id) });
      return;
    }
    if (how === 'range') setChecked((s) => new Set([...s, ...range(anchor, id)]));
    else
      setChecked((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      });
    setAnchor(id);
  };

  useInboxKeys({
    move: (d, extend) => {
      if (!rows.length) return;
      const next = rows[Math.min(rows.length - 1, Math.max(0, index + d))]!.lead.id;
      if (extend && current) setChecked((s) => new Set([...s, current.id, next]));
      setCurrentId(next);
      document.querySelector<HTMLElement>(`[data-testid="lead-row-${next}"]`)?.focus();
    },
    toggle: () => current && pick(current.id, 'toggle'),
    assign: () => {
      if (selection.length) setAssigning('bulk');
      else if (current) setAssigning(current.id);
    },
    open: () => current && setSearchParams({ lead: String(current.id) }),
    clear: () => setChecked(new Set()),
  });

  return (
    <Page
      className="list-page inbox-page"
      title={t('nav.inbox')}
      testId="inbox-page"
      head={
        <>
          <span className="muted" data-testid="inbox-total">
            {more ? t('inbox.waitingMore', { count: total }) : t('inbox.waiting', { count: total })}
          </span>
          {late > 0 && (
            <span className="badge badge-late" data-testid="inbox-late">
              {t('inbox.late', { count: late })}
            </span>
          )}
          <button
            type="button"
            className={`btn btn-xs btn-ghost${muted ? ' active' : ''}`}
            aria-pressed={muted}
            onClick={() => inboxMuted.set((m) => !m)}
            data-testid="inbox-mute"
            title={t('inbox.muteHint')}
          >
            {muted ? t('inbox.unmute') : t('inbox.mute')}
          </button>
          <span className="page-head-spacer" />
          <span className="kbd-hint muted small" aria-hidden="true">
            <kbd>j</kbd>
            <kbd>k</kbd> {t('leads.keyMove')} · <kbd>x</kbd> {t('inbox.keySelect')} · <kbd>a</kbd> {t('inbox.keyAssign')} · <kbd>Enter</kbd> {t('leads.keyOpen')}
          </span>
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setCreating(true)} data-testid="new-lead">
            {t('leads.newLead')}
          </button>
        </>
      }
    >
      {creating && <NewLeadDialog me={me} onClose={() => setCreating(false)} />}
      <LiveCalls />
      {selection.length > 0 && (
        <div className="bulk-bar" role="region" aria-label={t('inbox.selection')} data-testid="bulk-bar">
          <strong>{t('inbox.selected', { count: selection.length })}</strong>
          <AssignMenu leads={selection} open={assigning === 'bulk'} onOpenChange={(o) => setAssigning(o ? 'bulk' : null)} label={t('inbox.assignTo')} testId="bulk-assign" primary />
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setChecked(new Set())} data-testid="bulk-clear">
            {t('inbox.clearSelection')}
          </button>
        </div>
      )}
      <QueryState query={list} isEmpty={rows.length === 0} empty={t('leads.inboxEmpty')} failed={(message) => t('leads.loadFailed', { message })}>
        <div className="table-wrap">
          <table className="lead-table inbox-table" data-testid="lead-table">
            <thead>
              <tr>
                <th className="col-check">
                  <input
                    type="checkbox"
                    aria-label={t('inbox.selectAll')}
                    checked={selection.length === rows.length}
                    onChange={(e) => setChecked(e.target.checked ? new Set(ids) : new Set())}
                    data-testid="inbox-check-all"
                  />
                </th>
                <th className="col-wait">{t('inbox.waitColumn')}</th>
                <th className="col-client">{t('table.client')}</th>
                <th className="col-request">{t('inbox.requestColumn')}</th>
                <th className="col-source">{t('table.source')}</th>
                <th className="col-assign">
                  <span className="sr-only">{t('assign.assign')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ lead, waiting }) => (
                <InboxRow
                  key={lead.id}
                  lead={lead}
                  waiting={waiting}
                  siteName={lead.siteId === null ? null : (sites.data?.find((s) => s.id === lead.siteId)?.name ?? null)}
                  selected={checked.has(lead.id)}
                  current={lead.id === current?.id}
                  open={lead.id === openId}
                  unseen={unseen.has(lead.id)}
                  assignOpen={assigning === lead.id}
                  onAssignOpen={(o) => setAssigning(o ? lead.id : null)}
                  onPick={(how) => pick(lead.id, how)}
                />
              ))}
            </tbody>
          </table>
          {list.hasNextPage && (
            <div className="list-end">
              <button type="button" className="btn btn-sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid="load-more">
                {list.isFetchingNextPage ? t('common.loadingMore') : t('common.loadMore')}
              </button>
            </div>
          )}
        </div>
      </QueryState>
    </Page>
  );
}
