import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ExistingClientDto } from '../../api/types.ts';
import { StatusChip } from '../../components/ui.tsx';
import { useFormat } from '../../i18n/hooks.ts';

/**
 * Before a lead is typed in: whether the phone or e-mail (as typed when the field was left) already belongs to a
 * client, with that client's leads to open instead of making a second one.
 */
export function ExistingClientWarning({ phone, email, onOpen }: { phone: string; email: string; onOpen: (leadId: number) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const digits = phone.replace(/\D/g, '');
  const probe = { phone: digits.length >= 7 ? phone.trim() : '', email: email.includes('@') ? email.trim() : '' };
  const found = useQuery({
    queryKey: ['existing-client', probe.phone, probe.email],
    enabled: !!(probe.phone || probe.email),
    queryFn: () => {
      const q = new URLSearchParams();
      if (probe.phone) q.set('phone', probe.phone);
      if (probe.email) q.set('email', probe.email);
      return api.get<{ existing: ExistingClientDto | null }>(`/api/clients/existing?${q.toString()}`);
    },
    staleTime: 30_000,
  });
  const existing = found.data?.existing;
  if (!existing) return null;
  return (
    <div className="existing-client span-2" role="status" data-testid="existing-client">
      {existing.visible ? (
        <>
          <strong>{t('newLead.existing', { name: existing.fullName ?? existing.organization ?? `#${existing.clientId}` })}</strong>
          {existing.leads.length > 0 && (
            <ul>
              {existing.leads.map((l) => (
                <li key={l.id}>
                  <button type="button" className="link-btn" data-testid={`existing-lead-${l.id}`} onClick={() => onOpen(l.id)}>
                    {t('newLead.openLead', { id: l.id })}
                  </button>{' '}
                  <StatusChip status={l.status} /> <span className="muted small">{[l.service, f.date(l.createdAt), l.ownerName].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          )}
          <div className="muted small">{t('newLead.existingJoins')}</div>
        </>
      ) : (
        <span>{t('newLead.existingElsewhere')}</span>
      )}
    </div>
  );
}
