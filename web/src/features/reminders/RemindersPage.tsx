import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useReminders } from '../../api/hooks.ts';
import { leadTitle } from '../../api/labels.ts';
import type { LeadSummaryDto, MyReminderDto } from '../../api/types.ts';
import { Ago, Empty, Loaded, Page, StatusChip } from '../../components/ui.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useNow } from '../../lib/now.ts';
import { setSearchParams, useLocation } from '../../lib/router.tsx';
import { openLead } from '../../realtime/socket.ts';
import { agendaOf } from './presets.ts';
import { TodoItem } from './TodoItem.tsx';
import './reminders.css';

type Section = 'overdue' | 'today' | 'upcoming';

/** A manager's day as a to-do list: overdue, today, upcoming — or the leads nobody planned a next step for. */
export function RemindersPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const view = search.get('view') === 'no-next-step' ? 'no-next-step' : 'todo';
  return (
    <Page
      title={t('nav.reminders')}
      testId="reminders-page"
      head={
        <div className="seg" role="tablist" aria-label={t('todo.views')}>
          <button type="button" role="tab" aria-selected={view === 'todo'} className={`btn btn-sm${view === 'todo' ? ' active' : ''}`} onClick={() => setSearchParams({ view: null })} data-testid="view-todo">
            {t('todo.tasks')}
          </button>
          <button type="button" role="tab" aria-selected={view !== 'todo'} className={`btn btn-sm${view !== 'todo' ? ' active' : ''}`} onClick={() => setSearchParams({ view: 'no-next-step' })} data-testid="view-no-next-step">
            {t('todo.noNextStep')}
          </button>
        </div>
      }
    >
      <div className="content-pad todo-page">{view === 'todo' ? <Todo /> : <WithoutNextStep />}</div>
    </Page>
  );
}

function Todo() {
  const { t } = useTranslation();
  const reminders = useReminders();
  const now = useNow();
  return (
    <Loaded query={reminders}>
      {(items) => {
        const open = items.filter((r) => !r.doneAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
        const by: Record<Section, MyReminderDto[]> = { overdue: [], today: [], upcoming: [] };
        for (const r of open) by[agendaOf(Date.parse(r.dueAt), now)].push(r);
        const titles: Record<Section, string> = { overdue: t('todo.overdue'), today: t('todo.today'), upcoming: t('reminders.upcoming') };
        return (['overdue', 'today', 'upcoming'] as const).map((s) => (
          <section key={s} className={`todo-section todo-${s}`} aria-label={titles[s]} data-testid={`todo-${s}`}>
            <h2>
              {titles[s]} <span className="muted">{by[s].length}</span>
            </h2>
            {by[s].length === 0 ? (
              <p className="muted small">{s === 'overdue' ? t('todo.nothingOverdue') : t('common.nothingHere')}</p>
            ) : (
              <ul className="todo-list">
                {by[s].map((r) => (
                  <TodoItem key={r.id} reminder={r} overdue={s === 'overdue'} today={s === 'today'} />
                ))}
              </ul>
            )}
          </section>
        ));
      }}
    </Loaded>
  );
}

/** GET /api/reminders/without-next-step: leads being worked with no reminder waiting, untouched longest first. */
function WithoutNextStep() {
  const { t } = useTranslation();
  const leads = useQuery({
    queryKey: ['leads-without-next-step'],
    queryFn: async () => (await api.get<{ items: LeadSummaryDto[] }>('/api/reminders/without-next-step')).items,
  });
  return (
    <Loaded query={leads} isEmpty={(l) => l.length === 0} empty={<Empty>{t('todo.allPlanned')}</Empty>}>
      {(items) => (
        <>
          <p className="muted small">{t('todo.noNextStepHint')}</p>
          <ul className="todo-list" data-testid="no-next-step-list">
            {items.map((l) => (
              <li key={l.id} className="todo-item" data-testid={`no-next-step-${l.id}`}>
                <div className="todo-what">
                  <div className="todo-lead">
                    <button type="button" className="btn-link todo-client" onClick={() => openLead(l.id)}>
                      {leadTitle(l)}
                    </button>
                    {l.client.phone && <span className="mono small">{formatPhone(l.client.phone)}</span>}
                    <StatusChip status={l.status} />
                  </div>
                  <div className="muted small">
                    {l.ownerName} · {t('todo.touched')} <Ago iso={l.updatedAt} />
                  </div>
                </div>
                <div className="todo-actions">
                  <button type="button" className="btn btn-xs btn-primary" onClick={() => openLead(l.id)}>
                    {t('todo.plan')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Loaded>
  );
}
