import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types.ts';
import { Store, useStore } from '../../lib/store.ts';
import './inbox.css';
import { askNotificationPermission, notificationPermission } from '../../realtime/attention.ts';

/** Asked once per person and browser: whether the question about desktop notifications was answered or put aside. */
const askedKey = (userId: number) => `leadline:notifications-asked:${userId}`;
const asked = new Store<ReadonlySet<number>>(new Set());

/**
 * At the first login of someone who must not miss a lead (a curator, a manager): why desktop notifications help, and
 * the browser's question behind a click (browsers ask only after a gesture). Shown once; "Not now" is an answer too.
 */
export function NotificationAsk({ me }: { me: Me }) {
  const { t } = useTranslation();
  const permission = useStore(notificationPermission);
  const done = useStore(asked);
  const wanted = me.role === 'curator' || me.role === 'manager';
  if (!wanted || permission !== 'default' || done.has(me.id) || localStorage.getItem(askedKey(me.id))) return null;
  const answer = () => {
    localStorage.setItem(askedKey(me.id), new Date().toISOString());
    asked.set((s) => new Set([...s, me.id]));
  };
  return (
    <div className="notification-ask" role="region" aria-label={t('notifyAsk.title')} data-testid="notification-ask">
      <div>
        <strong>{t('notifyAsk.title')}</strong>
        <p className="muted small">{me.role === 'curator' ? t('notifyAsk.whyCurator') : t('notifyAsk.whyManager')}</p>
      </div>
      <button
        type="button"
        className="btn btn-sm btn-primary"
        onClick={() => {
          answer();
          void askNotificationPermission();
        }}
        data-testid="notification-allow"
      >
        {t('notifyAsk.allow')}
      </button>
      <button type="button" className="btn btn-sm btn-ghost" onClick={answer} data-testid="notification-later">
        {t('notifyAsk.later')}
      </button>
    </div>
  );
}
