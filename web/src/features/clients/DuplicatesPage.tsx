import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientDto, DuplicateGroupDto } from '../../api/types.ts';
import { api, errorMessage } from '../../api/client.ts';
import { Modal, Page, QueryState } from '../../components/ui.tsx';
import { toast } from '../../components/toast.ts';
import { formatPhone } from '../../i18n/format.ts';
import { Link } from '../../lib/router.tsx';

type Member = DuplicateGroupDto['clients'][number];
const nameOf = (c: Member) => c.fullName || c.organization || formatPhone(c.phones[0] ?? null) || c.emails[0] || `#${c.id}`;

/** Probable duplicate clients, group by group; a merge keeps the chosen client and brings the other's leads, calls and contacts in. */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['client-duplicates'], queryFn: ({ signal }) => api.get<{ groups: DuplicateGroupDto[] }>('/api/clients/duplicates', { signal }) });
  const [merging, setMerging] = useState<{ kept: Member; other: Member } | null>(null);
  const groups = list.data?.groups ?? [];
  return (
    <Page
      title={t('duplicates.title')}
      testId="duplicates-page"
      head={
        <Link href="/clients" className="btn btn-sm">
          {t('duplicates.back')}
        </Link>
      }
    >
      <QueryState query={list} isEmpty={groups.length === 0} empty={t('duplicates.none')}>
        <ul className="duplicate-groups" data-testid="duplicate-groups">
          {groups.map((g) => (
            <li key={`${g.reason}-${g.key}`} className="duplicate-group">
              <div className="muted small">
                {g.reason === 'phone' ? t('duplicates.byPhone', { key: g.key }) : g.reason === 'email' ? t('duplicates.byEmail', { key: g.key }) : t('duplicates.byName', { key: g.key })}
              </div>
              <table className="simple-table">
                <tbody>
                  {g.clients.map((c) => (
                    <tr key={c.id} data-testid={`duplicate-${c.id}`}>
                      <td>
                        <Link href={`/clients?client=${c.id}`}>{nameOf(c)}</Link>
                        {c.fullName && c.organization && <div className="muted small">{c.organization}</div>}
                      </td>
                      <td className="small mono">{c.phones.map((p) => formatPhone(p)).join(', ')}</td>
                      <td className="small muted">{c.emails.join(', ')}</td>
                      <td className="small">{c.ownerName ?? '—'}</td>
                      <td className="small">{t('duplicates.leads', { count: c.leadsCount })}</td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-sm"
                          onClick={() => setMerging({ kept: c, other: g.clients.find((x) => x.id !== c.id)! })}
                          data-testid={`keep-${c.id}`}
                        >
                          {t('duplicates.keepThis')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ul>
      </QueryState>
      {merging && <MergeDialog kept={merging.kept} other={merging.other} onClose={() => setMerging(null)} />}
    </Page>
  );
}

/** The merge confirmation: which client stays, which is merged into it and removed. */
function MergeDialog({ kept, other, onClose }: { kept: Member; other: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const merge = useMutation({
    mutationFn: () => api.post<{ client: ClientDto }>(`/api/clients/${kept.id}/merge`, { otherClientId: other.id }),
    onSuccess: () => {
      toast(t('duplicates.merged', { name: nameOf(kept) }), 'success');
      void qc.invalidateQueries({ queryKey: ['client-duplicates'] });
      void qc.invalidateQueries({ queryKey: ['clients'] });
      onClose();
    },
  });
  return (
    <Modal
      title={t('duplicates.confirmTitle')}
      onClose={onClose}
      testId="merge-dialog"
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" disabled={merge.isPending} onClick={() => merge.mutate()} data-testid="merge-confirm">
            {t('duplicates.merge')}
          </button>
        </>
      }
    >
      <p>{t('duplicates.confirm', { other: nameOf(other), kept: nameOf(kept), leads: other.leadsCount })}</p>
      {merge.isError && (
        <p className="form-error" role="alert">
          {errorMessage(merge.error)}
        </p>
      )}
    </Modal>
  );
}
