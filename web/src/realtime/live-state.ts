import type { CallPopEvent, ReminderDueEvent } from '../api/types.ts';
import { Store } from '../lib/store.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';
export const connectionStore = new Store<ConnectionState>('connecting');

/** Reminders that fired and wait for "done", "snooze" or "open lead". */
export const dueReminders = new Store<ReminderDueEvent[]>([]);

export function dismissReminder(id: number): void {
  dueReminders.set((list) => list.filter((r) => r.reminder.id !== id));
}

export interface CallPop {
  event: CallPopEvent;
  /** ringing → up (answered here) | answered elsewhere → gone */
  phase: 'ringing' | 'up' | 'answered_elsewhere' | 'ended';
  answeredByName?: string;
  receivedAt: number;
}

/** Screen pops by call id. */
export const callPops = new Store<CallPop[]>([]);

export function removePop(callId: number): void {
  callPops.set((list) => list.filter((p) => p.event.callId !== callId));
}

export function updatePop(callId: number, change: Partial<CallPop>): void {
  callPops.set((list) => list.map((p) => (p.event.callId === callId ? { ...p, ...change } : p)));
}
