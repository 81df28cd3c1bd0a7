import { useEffect } from 'react';
import { Store, useStore } from '../../lib/store.ts';
import { beep } from '../../realtime/attention.ts';

/** Whether the curator silenced the repeating alarm for overdue leads (kept per browser). */
const MUTE_KEY = 'leadline:inbox-muted';
/** How often the alarm sounds again while a lead is past its deadline. */
export const ALARM_REPEAT_MS = 45_000;

export const inboxMuted = new Store<boolean>(typeof localStorage !== 'undefined' && localStorage.getItem(MUTE_KEY) === '1');
inboxMuted.subscribe(() => localStorage.setItem(MUTE_KEY, inboxMuted.get() ? '1' : '0'));

export function useInboxMuted(): boolean {
  return useStore(inboxMuted);
}

/** While `late` leads wait past their deadline (and the sound is not muted), beep now and every ALARM_REPEAT_MS. */
export function useLateAlarm(late: number): void {
  const muted = useInboxMuted();
  const sounding = late > 0 && !muted;
  useEffect(() => {
    if (!sounding) return;
    beep();
    const timer = window.setInterval(beep, ALARM_REPEAT_MS);
    return () => window.clearInterval(timer);
  }, [sounding]);
}
