import { useTranslation } from 'react-i18next';
import { usePatchReminder } from '../../api/mutations.ts';
import { leadTitle } from '../../api/labels.ts';
import { useStore } from '../../lib/store.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { dismissReminder, dueReminders } from '../../realtime/live-state.ts';
import { openLead } from '../../realtime/socket.ts';
import { BellIcon } from '../../components/icons.tsx';
import { usePopMissedReminders } from './missed-while-away.ts';

const SNOOZE_MS = 15 * 60_000;

/** A reminder that fired stays on screen until the user acts on it. */
export function ReminderAlerts() {
  const { t } = useTranslation();
  const f = useFormat();
  const due = useStore(dueReminders);
  const patch = usePatchReminder();
  usePopMissedReminders();
  return (
    <>
      {due.map(({ reminder, lead }) => {
        const who = lead ? leadTitle(lead) : null;
        return (
          <section key={reminder.id} className="reminder-toast" role="alertdialog" aria-label={t('reminders.reminder')} data-testid="reminder-toast" data-reminder-id={reminder.id}>
            <header>
              <BellIcon className="reminder-bell" /> <strong>{reminder.kind === 'missed_call' ? t('reminders.missedCall') : reminder.kind === 'speed_to_lead' ? t('reminders.speedToLead') : reminder.kind === 'keep_in_touch' ? t('reminders.keepInTouch') : t('reminders.reminder')}</strong>
              <span className="muted small">{f.dateTime(reminder.dueAt)}</span>
            </header>
            <p className="prewrap">{reminder.text}</p>
            {who && <p className="muted small">{who}</p>}
            <footer>
              {lead && (
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() => {
                    openLead(lead.id);
                    dismissReminder(reminder.id);
                  }}
                  data-testid="reminder-open"
                >
                  {t('common.openLead')}
                </button>
              )}
              <button
                type="button"
                className="btn btn-sm btn-primary"
                onClick={() => patch.mutate({ id: reminder.id, change: { done: true } }, { onSuccess: () => dismissReminder(reminder.id) })}
                data-testid="reminder-done"
              >
                {t('common.done')}
              </button>
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                onClick={() => patch.mutate({ id: reminder.id, change: { at: new Date(Date.now() + SNOOZE_MS).toISOString() } }, { onSuccess: () => dismissReminder(reminder.id) })}
                data-testid="reminder-snooze"
              >
                {t('common.snooze')}
              </button>
            </footer>
          </section>
        );
      })}
    </>
  );
}
