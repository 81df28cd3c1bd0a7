import { Store, useStore } from '../lib/store.ts';
import { i18n } from '../i18n/i18n.ts';

/**
 * What makes a new lead hard to miss: the ids of leads that arrived live and were not opened yet (kept per
 * browser across reloads), a short beep, the tab title counter and a desktop notification when allowed.
 */
const STORAGE_KEY = 'leadline:unseen';

function load(): number[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

export const unseenStore = new Store<ReadonlySet<number>>(new Set(load()));
unseenStore.subscribe(() => {
  localStorage.setItem(STORAGE_KEY, JSON.stringify([...unseenStore.get()].slice(-500)));
  updateTitle();
});

export function markUnseen(id: number): void {
  unseenStore.set((s) => (s.has(id) ? s : new Set([...s, id])));
}

export function markSeen(id: number): void {
  unseenStore.set((s) => {
    if (!s.has(id)) return s;
    const n = new Set(s);
    n.delete(id);
    return n;
  });
}

export function clearUnseen(): void {
  unseenStore.set(new Set());
}

export function useUnseen(): ReadonlySet<number> {
  return useStore(unseenStore);
}

/**
 * For those who assign leads: how many leads wait for a manager. The tab title counts these instead of the unseen
 * ones — a lead that was looked at still waits until it is assigned. Null for everyone else.
 */
export const waitingCount = new Store<number | null>(null);
waitingCount.subscribe(() => updateTitle());

export function updateTitle(): void {
  const n = waitingCount.get() ?? unseenStore.get().size;
  document.title = n > 0 ? i18n.t('app.titleUnseen', { count: n }) : 'Leadline';
}

let audio: AudioContext | null = null;

/** Two short tones; no asset to load. Browsers allow it once the user has interacted with the page. */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    if (ctx.state === 'suspended') void ctx.resume();
    const t0 = ctx.currentTime;
    [880, 1175].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const start = t0 + i * 0.14;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.18, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.12);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.13);
    });
  } catch {
    // No audio device (or not allowed yet): the title counter and highlight still tell.
  }
}

export const notificationPermission = new Store<NotificationPermission | 'unsupported'>(
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
);

export async function askNotificationPermission(): Promise<void> {
  if (typeof Notification === 'undefined') return;
  notificationPermission.set(await Notification.requestPermission());
}

export function notify(title: string, body: string, onClick?: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag: `leadline-${title}-${body}` });
    n.onclick = () => {
      window.focus();
      onClick?.();
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker; the in-page signals remain.
  }
}
