import { useTranslation } from 'react-i18next';
import { useReminders } from '../../api/hooks.ts';
import { usePatchReminder } from '../../api/mutations.ts';
import { Ago, Empty, Loaded, Page } from '../../components/ui.tsx';
import { useNow } from '../../lib/now.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { openLead } from '../../realtime/socket.ts';

const SNOOZE_MS = 15 * 60_000;

export function RemindersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const reminders = useReminders();
  const patch = usePatchReminder();
  const now = useNow();
  const open = (reminders.data ?? []).filter((r) => !r.doneAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const overdue = open.filter((r) => Date.parse(r.dueAt) <= now);
  const upcoming = open.filter((r) => Date.parse(r.dueAt) > now);

  const list = (items: typeof open, title: string, testId: string) => (
    <section className="rem-section" aria-label={title} data-testid={testId}>
      <h2>
        {title} <span className="muted">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <Empty>{t('common.nothingHere')}</Empty>
      ) : (
        <table className="simple-table">
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-testid={`reminder-row-${r.id}`}>
                <td className="nowrap">
                  <strong>{f.dateTime(r.dueAt)}</strong>
                  <div className="muted small">
                    <Ago iso={r.dueAt} />
                  </div>
                </td>
                <td className="grow">
                  {r.kind === 'missed_call' && <span className="badge badge-warn">{t('reminders.missedCall')}</span>}
                  {r.kind === 'keep_in_touch' && <span className="badge badge-returning">{t('reminders.keepInTouch')}</span>}
                  {r.kind === 'speed_to_lead' && <span className="badge badge-warn">{t('reminders.speedToLead')}</span>} {r.text}
                </td>
                <td className="nowrap actions">
                  {r.leadId && (
                    <button type="button" className="btn btn-xs" onClick={() => openLead(r.leadId!)}>
                      {t('common.openLead')}
                    </button>
                  )}
                  <button type="button" className="btn btn-xs btn-ghost" onClick={() => patch.mutate({ id: r.id, change: { at: new Date(Date.now() + SNOOZE_MS).toISOString() } })}>
                    {t('common.snooze')}
                  </button>
                  <button type="button" className="btn btn-xs btn-primary" onClick={() => patch.mutate({ id: r.id, change: { done: true } })} data-testid={`reminder-done-${r.id}`}>
                    {t('common.done')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );

  return (
    <Page title={t('nav.reminders')} testId="reminders-page">
      <Loaded query={reminders}>
        {() => (
          <div className="content-pad">
            {list(overdue, t('reminders.dueNow'), 'reminders-due')}
            {list(upcoming, t('reminders.upcoming'), 'reminders-upcoming')}
          </div>
        )}
      </Loaded>
    </Page>
  );
}
