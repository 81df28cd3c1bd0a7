import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientCardDto, ClientDto, ClientTag } from '../../api/types.ts';
import { api, errorMessage } from '../../api/client.ts';
import { toast } from '../../components/toast.ts';
import { SegmentBadges, TagOptions } from '../../components/segments.tsx';
import { keys } from '../../api/hooks.ts';
import { Empty, Spinner, StatusChip } from '../../components/ui.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { setSearchParams } from '../../lib/router.tsx';
import { Calls } from '../lead/LeadRecords.tsx';

/** One client's card: contacts, their manager and order history, totals, the leads (a click opens the lead) and calls. */
export function ClientCard({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const card = useQuery({ queryKey: keys.client(id), queryFn: ({ signal }) => api.get<ClientCardDto>(`/api/clients/${id}`, { signal }) });
  const data = card.data;
  return (
    <aside className="client-card" aria-labelledby="client-card-title" data-testid="client-card">
      <div className="client-card-head">
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClose} aria-label={t('clients.close')} data-testid="client-card-close">
          ←
        </button>
        <h2 id="client-card-title">{data ? data.client.fullName || data.client.organization || t('clients.noName') : t('clients.card')}</h2>
      </div>
      {card.isPending ? (
        <Spinner />
      ) : card.isError ? (
        <Empty>{errorMessage(card.error)}</Empty>
      ) : data ? (
        <>
          <SegmentBadges segments={data.segments} />
          <dl className="client-facts">
            {data.client.fullName && data.client.organization && (
              <>
                <dt>{t('clients.organization')}</dt>
                <dd>{data.client.organization}</dd>
              </>
            )}
            <dt>{t('clients.contacts')}</dt>
            <dd>
              {[...data.client.phones.map((p) => formatPhone(p) ?? p), ...data.client.emails].join(', ') || '—'}
            </dd>
            <dt>{t('clients.owner')}</dt>
            <dd>{data.client.ownerName ?? '—'}</dd>
            <dt>{t('segments.tagLabel')}</dt>
            <dd>
              <TagPicker client={data.client} />
            </dd>
            {data.client.ordersCount !== null && (
              <>
                <dt>{t('clients.orders')}</dt>
                <dd>
                  {f.number(data.client.ordersCount)}
                  {data.client.ordersAmount !== null && ` · ${f.money(data.client.ordersAmount)}`}
                </dd>
              </>
            )}
          </dl>
          <ul className="client-totals" data-testid="client-totals">
            <li>
              {t('clients.totals.leads')} <b>{data.totals.leads}</b>
            </li>
            <li>
              {t('clients.totals.open')} <b>{data.totals.open}</b>
            </li>
            <li>
              {t('clients.totals.won')} <b>{data.totals.won}</b>
            </li>
            <li>
              {t('clients.totals.calls')} <b>{data.totals.calls}</b>
            </li>
            <li>
              {t('clients.totals.talk')} <b>{f.duration(data.totals.talkSeconds)}</b>
            </li>
          </ul>
          <h3>{t('clients.leads')}</h3>
          {data.leads.length === 0 ? (
            <Empty>{t('clients.noLeads')}</Empty>
          ) : (
            <ul className="client-leads" data-testid="client-leads">
              {data.leads.map((l) => (
                <li key={l.id}>
                  <a
                    href={`?lead=${l.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      setSearchParams({ lead: String(l.id) });
                    }}
                    data-testid={`client-lead-${l.id}`}
                  >
                    #{l.id} {l.service || l.message || t('clients.noService')}
                  </a>
                  <StatusChip status={l.status} />
                  <span className="muted small">
                    {f.date(l.createdAt)} · {l.ownerName ?? t('clients.unassigned')}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('clients.calls')}</h3>
          <Calls calls={data.calls} />
        </>
      ) : null}
    </aside>
  );
}

/** The client's manual segment, changed with the version last seen (a stale one reloads the card). */
function TagPicker({ client }: { client: ClientDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (tag: ClientTag | null) => api.patch<{ client: ClientDto }>(`/api/clients/${client.id}`, { version: client.version, tag }),
    onError: (err) => toast(errorMessage(err), 'error'),
    onSettled: () => qc.invalidateQueries({ queryKey: ['client'] }).then(() => qc.invalidateQueries({ queryKey: ['clients'] })),
  });
  return (
    <select
      aria-label={t('segments.tagLabel')}
      value={client.tag ?? ''}
      disabled={save.isPending}
      onChange={(e) => save.mutate((e.target.value || null) as ClientTag | null)}
      data-testid="client-tag"
    >
      <option value="">{t('segments.noTag')}</option>
      <TagOptions />
    </select>
  );
}
