import { Store } from '../lib/store.ts';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

export const toastStore = new Store<Toast[]>([]);
let seq = 0;

export function dismissToast(id: number): void {
  toastStore.set((list) => list.filter((t) => t.id !== id));
}

/** A short message at the bottom; errors stay a little longer. */
export function toast(text: string, kind: Toast['kind'] = 'info', action?: Toast['action']): void {
  const id = ++seq;
  toastStore.set((list) => [...list.slice(-4), { id, kind, text, action }]);
  window.setTimeout(() => dismissToast(id), kind === 'error' ? 8000 : 5000);
}
