import { useTranslation } from 'react-i18next';
import { leadTitle } from '../../api/labels.ts';
import { useCall, usePatchReminder } from '../../api/mutations.ts';
import type { MyReminderDto } from '../../api/types.ts';
import { Ago, StatusChip } from '../../components/ui.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { openLead } from '../../realtime/socket.ts';
import { RescheduleMenu } from './RescheduleMenu.tsx';

/** One line of the to-do list: when, what, for whom (name → the card, phone → a call), and move / done. */
export function TodoItem({ reminder: r, overdue, today }: { reminder: MyReminderDto; overdue: boolean; today: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const patch = usePatchReminder();
  const call = useCall();
  const lead = r.lead;
  const phone = lead?.client.phone ?? null;
  return (
    <li className={`todo-item${overdue ? ' is-overdue' : ''}`} data-testid={`reminder-row-${r.id}`}>
      <div className="todo-when">
        <strong>{today ? f.time(r.dueAt) : f.dateTime(r.dueAt)}</strong>
        <span className="muted small">
          <Ago iso={r.dueAt} />
        </span>
      </div>
      <div className="todo-what">
        <div>
          {r.kind === 'missed_call' && <span className="badge badge-warn">{t('reminders.missedCall')}</span>}
          {r.kind === 'speed_to_lead' && <span className="badge badge-warn">{t('reminders.speedToLead')}</span>}
          {r.kind === 'keep_in_touch' && <span className="badge badge-returning">{t('reminders.keepInTouch')}</span>}
          <span className="prewrap">{r.text}</span>
        </div>
        {lead && (
          <div className="todo-lead">
            <button type="button" className="btn-link todo-client" onClick={() => openLead(lead.id)} data-testid={`todo-open-${r.id}`}>
              {leadTitle(lead)}
            </button>
            {phone &&
              (lead.can.call ? (
                <button type="button" className="phone-btn mono" onClick={() => call.mutate({ leadId: lead.id, phone, who: leadTitle(lead) })} title={t('client.callTitle')} data-testid={`todo-call-${r.id}`}>
                  {formatPhone(phone)}
                </button>
              ) : (
                <span className="mono small">{formatPhone(phone)}</span>
              ))}
            <StatusChip status={lead.status} />
          </div>
        )}
      </div>
      <div className="todo-actions">
        <RescheduleMenu reminderId={r.id} />
        <button type="button" className="btn btn-xs btn-primary" onClick={() => patch.mutate({ id: r.id, change: { done: true } })} data-testid={`reminder-done-${r.id}`}>
          {t('common.done')}
        </button>
      </div>
    </li>
  );
}
