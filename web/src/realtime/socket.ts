import { io, type Socket } from 'socket.io-client';
import type { QueryClient } from '@tanstack/react-query';
import type { ServerToClientEvents } from '../../../server/realtime/events.ts';
import { keys } from '../api/hooks.ts';
import { leadTitle } from '../api/labels.ts';
import type { LeadSummaryDto, Me, MyReminderDto, UserDto } from '../api/types.ts';
import { navigate } from '../lib/router.tsx';
import { applyLead, dropLead } from './cache.ts';
import { beep, markUnseen, notify } from './attention.ts';
import { callPops, connectionStore, dueReminders, removePopLater, updatePop } from './live-state.ts';
import { toast } from '../components/toast.ts';
import { importProgress } from '../features/imports/import-progress.ts';
import { i18n } from '../i18n/i18n.ts';
import { formatPhone } from '../i18n/format.ts';

type LiveSocket = Socket<ServerToClientEvents>;

const clientLabel = leadTitle;

export function openLead(id: number): void {
  const params = new URLSearchParams(window.location.search);
  params.set('lead', String(id));
  const base = ['/inbox', '/leads', '/board'].includes(window.location.pathname) ? window.location.pathname : '/leads';
  navigate(`${base}?${params.toString()}`);
}

/**
 * One socket.io connection per tab. Events update the react-query caches in place; attention signals
 * (sound, title counter, notification) for what is new to this user.
 */
export function connectLive(qc: QueryClient, me: Me): () => void {
  const socket: LiveSocket = io({ transports: ['websocket', 'polling'], withCredentials: true });
  let everConnected = false;

  socket.on('connect', () => {
    connectionStore.set('connected');
    // Back after a gap: what happened meanwhile is fetched once; the events take over from here.
    if (everConnected) void qc.invalidateQueries({ queryKey: keys.leadLists });
    everConnected = true;
  });
  socket.on('disconnect', (reason) => {
    connectionStore.set('reconnecting');
    // The server drops sockets when the user's rooms change (role, department): join the new ones.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (err) => {
    connectionStore.set(everConnected ? 'reconnecting' : 'offline');
    // The session ended (expired, logged out elsewhere): ask who we are; a 401 there shows the login screen.
    if (err.message === 'unauthenticated') void qc.invalidateQueries({ queryKey: keys.me });
  });
  socket.io.on('reconnect_attempt', () => connectionStore.set('reconnecting'));

  const attention = (lead: LeadSummaryDto, title: string) => {
    // Already on screen (e.g. the user just created it by hand): nothing to call attention to.
    if (new URLSearchParams(window.location.search).get('lead') === String(lead.id)) return;
    markUnseen(lead.id);
    beep();
    notify(title, clientLabel(lead), () => openLead(lead.id));
  };

  // Mine: the owner's side (the owner, or the manager I assist). Whoever may assign it waits for it in the inbox.
  const mine = (lead: LeadSummaryDto) => lead.ownerId !== null && (lead.ownerId === me.id || lead.ownerId === me.assistsUserId);

  socket.on('lead:created', ({ lead }) => {
    applyLead(qc, lead);
    if (lead.can.assign && lead.ownerId === null) attention(lead, i18n.t('notify.newLead'));
    else if (mine(lead)) attention(lead, i18n.t('notify.newLeadForYou'));
  });
  socket.on('lead:assigned', ({ lead, previousOwnerId }) => {
    applyLead(qc, lead);
    if (mine(lead) && previousOwnerId !== lead.ownerId) {
      attention(lead, i18n.t('notify.assignedToYou'));
      toast(i18n.t('notify.assignedToast', { name: clientLabel(lead) }), 'info', { label: i18n.t('common.open'), run: () => openLead(lead.id) });
    }
    void qc.invalidateQueries({ queryKey: keys.users, refetchType: 'active' });
  });
  socket.on('lead:hidden', ({ leadId }) => {
    dropLead(qc, leadId);
    void qc.invalidateQueries({ queryKey: keys.users, refetchType: 'active' });
  });
  socket.on('lead:updated', ({ lead }) => {
    applyLead(qc, lead);
    // The open card also shows comments, files and history: refresh that one card, if it is on screen.
    void qc.invalidateQueries({ queryKey: keys.lead(lead.id), refetchType: 'active' });
  });

  socket.on('import:progress', (event) => importProgress.set(event));

  socket.on('reminder:due', (event) => {
    dueReminders.set((list) => [...list.filter((r) => r.reminder.id !== event.reminder.id), event]);
    qc.setQueryData<MyReminderDto[]>(keys.reminders, (list) => list?.map((r) => (r.id === event.reminder.id ? { ...r, ...event.reminder } : r)));
    beep();
    const reminder = i18n.t('notify.reminder');
    notify(reminder, event.reminder.text || (event.lead ? clientLabel(event.lead) : reminder), () => event.lead && openLead(event.lead.id));
  });

  socket.on('presence:changed', ({ userId, presence, online, onCall }) => {
    qc.setQueryData<UserDto[]>(keys.users, (list) => list?.map((u) => (u.id === userId ? { ...u, presence, online, onCall: onCall ?? u.onCall } : u)));
    // My own selector shows my choice; "offline" is only what others see when all my tabs are closed.
    if (userId === me.id && presence !== 'offline') qc.setQueryData<Me | null>(keys.me, (m) => (m ? { ...m, presence } : m));
  });

  socket.on('call:ringing', (event) => {
    callPops.set((list) => [...list.filter((p) => p.event.callId !== event.callId), { event, phase: 'ringing', receivedAt: Date.now() }]);
    beep();
    notify(i18n.t('notify.incomingCall'), event.lead ? clientLabel(event.lead) : formatPhone(event.callerNumber), () => event.lead && openLead(event.lead.id));
  });
  socket.on('call:answered', ({ callId, answeredByUserId, answeredByName }) => {
    if (answeredByUserId === me.id) updatePop(callId, { phase: 'up', answeredByName, upAt: Date.now() });
    else {
      updatePop(callId, { phase: 'answered_elsewhere', answeredByName });
      removePopLater(callId, 'answered_elsewhere', 4000);
    }
  });
  socket.on('call:leg_ended', ({ callId, reason }) => {
    // My phone no longer rings for this call: the pop says so at once, never "Incoming call" for a leg that ended
    // (the name of who answered may follow with call:answered).
    if (reason === 'answered_elsewhere') {
      updatePop(callId, { phase: 'answered_elsewhere', minimized: false });
      removePopLater(callId, 'answered_elsewhere', 4000);
      return;
    }
    updatePop(callId, { phase: 'ended', legEnded: reason, minimized: false });
    removePopLater(callId, 'ended', 4000);
  });
  socket.on('call:ended', ({ callId }) => {
    updatePop(callId, { phase: 'ended' });
    removePopLater(callId, 'ended', 1500);
    // The call now shows (with its disposition) on the lead card.
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'lead', refetchType: 'active' });
  });
  socket.on('telephony:state', (state) => {
    qc.setQueryData(keys.telephony, state);
  });

  return () => {
    socket.removeAllListeners();
    socket.io.removeAllListeners();
    socket.disconnect();
    connectionStore.set('connecting');
  };
}

