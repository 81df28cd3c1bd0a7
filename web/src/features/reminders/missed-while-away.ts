import { useEffect } from 'react';
import { useCurrentUser, useReminders } from '../../api/hooks.ts';
import { dueReminders } from '../../realtime/live-state.ts';

/** At most this many reminders pop at once after a login; the rest wait on the to-do list. */
const MAX_POPS = 5;
const key = (userId: number) => `leadline:reminders-popped:${userId}`;

function popped(userId: number): Set<number> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key(userId)) ?? '[]');
    return new Set(Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
  } catch {
    return new Set();
  }
}

function remember(userId: number, ids: Iterable<number>): void {
  localStorage.setItem(key(userId), JSON.stringify([...new Set([...popped(userId), ...ids])].slice(-500)));
}

/**
 * Reminders that came due while no tab was open pop once at the next login (in this browser): the open reminders
 * already due that never popped here. Every reminder that pops — live or like this — is remembered, so none pops twice.
 */
export function usePopMissedReminders(): void {
  const me = useCurrentUser();
  const reminders = useReminders();
  const loaded = reminders.data !== undefined;
  useEffect(() => {
    if (!loaded) return;
    const seen = popped(me.id);
    const now = Date.now();
    const missed = (reminders.data ?? []).filter((r) => !r.doneAt && Date.parse(r.dueAt) <= now && !seen.has(r.id)).slice(-MAX_POPS);
    if (missed.length) dueReminders.set((list) => [...list.filter((d) => !missed.some((m) => m.id === d.reminder.id)), ...missed.map((r) => ({ reminder: r, lead: r.lead }))]);
    // Overdue ones beyond the first few are on the list; they do not pop later either.
    remember(
      me.id,
      (reminders.data ?? []).filter((r) => Date.parse(r.dueAt) <= now).map((r) => r.id),
    );
    // Once per login: later changes come live.
  }, [loaded, me.id]);

  // What pops live is remembered too.
  useEffect(
    () =>
      dueReminders.subscribe(() => {
        const ids = dueReminders.get().map((d) => d.reminder.id);
        if (ids.length) remember(me.id, ids);
      }),
    [me.id],
  );
}
