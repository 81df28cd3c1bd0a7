import type { CallPopEvent, LegEndReason, ReminderDueEvent } from '../api/types.ts';
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
  /** ringing → up (answered here) | answered elsewhere → gone; `dialing`: my own click-to-call, until it ends. */
  phase: 'ringing' | 'up' | 'answered_elsewhere' | 'ended' | 'dialing';
  answeredByName?: string;
  receivedAt: number;
  /** Why my own leg ended (`call:leg_ended`), said on the pop while it fades. */
  legEnded?: LegEndReason;
  /** Shrunk to the call bar (the card is open; or a click-to-call). */
  minimized?: boolean;
  /** When the conversation started here (ms), for the bar's timer. */
  upAt?: number;
  /** Who is on the other end, as the bar names them (a click-to-call has no card event). */
  who?: string;
}

/** Screen pops by call id. */
export const callPops = new Store<CallPop[]>([]);

export function removePop(callId: number): void {
  callPops.set((list) => list.filter((p) => p.event.callId !== callId));
}

/** Removes the pop `delayMs` later if it is still in `phase` then (a new ringing of the same call keeps it). */
export function removePopLater(callId: number, phase: CallPop['phase'], delayMs: number): void {
  window.setTimeout(() => callPops.set((list) => list.filter((p) => p.event.callId !== callId || p.phase !== phase)), delayMs);
}

/** My click-to-call: a call bar until `call:ended` says how it went. */
export function startOutgoingBar(callId: number, phone: string, who: string | undefined): void {
  const event: CallPopEvent = { callId, callerNumber: phone, departmentId: null, departmentName: null, lead: null, lastComment: null, lastCall: null, ringingUserIds: [] };
  callPops.set((list) => [...list.filter((p) => p.event.callId !== callId), { event, phase: 'dialing', receivedAt: Date.now(), minimized: true, who }]);
}

export function updatePop(callId: number, change: Partial<CallPop>): void {
  callPops.set((list) => list.map((p) => (p.event.callId === callId ? { ...p, ...change } : p)));
}
