import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { waitingCount } from '../../realtime/attention.ts';
import { useLateAlarm } from './inbox-alarm.ts';
import { useInbox } from './use-inbox.ts';

/**
 * The inbox's count in the menu, on every screen: leads waiting for a manager (seen or not), red once one is past its
 * deadline — then the alarm repeats until it is assigned or muted. The tab title shows the same count.
 */
export function InboxBadge() {
  const { t } = useTranslation();
  const { total, more, late } = useInbox();
  useLateAlarm(late);
  useEffect(() => {
    waitingCount.set(total);
    return () => waitingCount.set(null);
  }, [total]);
  return (
    <span
      className={`nav-count${late > 0 ? ' nav-count-hot' : ''}`}
      data-testid="inbox-count"
      data-late={late}
      aria-label={more ? t('nav.unassignedCountMore', { count: total }) : t('nav.unassignedCount', { count: total })}
    >
      {total}
      {more ? '+' : ''}
    </span>
  );
}
