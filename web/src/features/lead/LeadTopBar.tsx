import { useTranslation } from 'react-i18next';
import { useTelephony } from '../../api/hooks.ts';
import { useCall } from '../../api/mutations.ts';
import type { LeadDetailDto } from '../../api/types.ts';
import { BellIcon, PhoneIcon } from '../../components/icons.tsx';
import { StatusChip } from '../../components/ui.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { setSearchParams } from '../../lib/router.tsx';
import { StageBar } from './StageBar.tsx';

/** The lead's next open reminder (the earliest not done), or none: what the manager promised to do next. */
export function nextReminder(detail: LeadDetailDto): LeadDetailDto['reminders'][number] | null {
  return detail.reminders.filter((r) => !r.doneAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null;
}

/** Call · Remind · the stage bar, and the next reminder: what a manager does on a card most, in one row. */
export function LeadTopBar({ detail, onRemind }: { detail: LeadDetailDto; onRemind: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const call = useCall();
  const telephony = useTelephony();
  const { lead, client } = detail;
  const phone = client.phones[0];
  const next = nextReminder(detail);
  const overdue = next && Date.parse(next.dueAt) <= Date.now();
  return (
    <div className="lead-topbar" data-testid="lead-topbar">
      <div className="topbar-actions">
        {phone && lead.can.call && (
          <button
            type="button"
            className="btn btn-primary btn-call"
            disabled={call.isPending || telephony.data?.mode === 'off'}
            title={telephony.data?.mode === 'off' ? t('client.telephonyOff') : t('client.call', { phone: formatPhone(phone) })}
            data-testid="topbar-call"
            onClick={() => call.mutate({ leadId: lead.id, phone })}
          >
            <PhoneIcon size={14} /> {t('leadBar.call')}
          </button>
        )}
        {lead.can.edit && (
          <button type="button" className="btn" data-testid="topbar-remind" onClick={onRemind}>
            <BellIcon size={14} /> {t('leadBar.remind')}
          </button>
        )}
        <span className={`next-reminder${overdue ? ' overdue' : next ? '' : ' none'}`} data-testid="next-reminder">
          {next ? t('leadBar.next', { when: f.dateTime(next.dueAt), text: next.text }) : t('leadBar.noNext')}
        </span>
      </div>
      <StageBar lead={lead} />
    </div>
  );
}

/** Links to the client's other leads the user may see. */
export function OtherLeads({ leads }: { leads: LeadDetailDto['otherLeads'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (leads.length === 0) return null;
  return (
    <section className="other-leads" aria-label={t('card.otherLeads')} data-testid="other-leads">
      <h3>{t('card.otherLeads')}</h3>
      <ul>
        {leads.map((l) => (
          <li key={l.id}>
            <button type="button" className="link-btn" data-testid={`other-lead-${l.id}`} onClick={() => setSearchParams({ lead: String(l.id) })}>
              #{l.id} {l.service ?? ''}
            </button>{' '}
            <StatusChip status={l.status} /> <span className="muted small">{f.date(l.createdAt)}{l.ownerName ? ` · ${l.ownerName}` : ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Form fields the website sent that have no place of their own. */
export function OtherFields({ fields }: { fields: Record<string, string> | null }) {
  const { t } = useTranslation();
  if (!fields || Object.keys(fields).length === 0) return null;
  return (
    <details className="other-fields" data-testid="other-fields" open>
      <summary>{t('card.otherFields')}</summary>
      <dl className="kv">
        {Object.entries(fields).map(([k, v]) => (
          <div key={k} className="kv-row">
            <dt>{k}</dt>
            <dd className="prewrap">{v}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
