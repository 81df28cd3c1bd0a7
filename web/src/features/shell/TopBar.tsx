import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client.ts';
import { keys, useLogout, useTelephony } from '../../api/hooks.ts';
import { PRESENCE_LABEL, ROLE_LABEL } from '../../api/labels.ts';
import type { Me, Presence } from '../../api/types.ts';
import { useStore } from '../../lib/store.ts';
import { connectionStore } from '../../realtime/live-state.ts';
import { askNotificationPermission, clearUnseen, notificationPermission } from '../../realtime/attention.ts';
import { PresenceDot } from '../../components/ui.tsx';
import { toast } from '../../components/toast.ts';
import { SimulatorPanel } from '../calls/SimulatorPanel.tsx';

const CHOICES: Exclude<Presence, 'offline'>[] = ['available', 'away', 'dnd'];

export function TopBar({ me }: { me: Me }) {
  const telephony = useTelephony();
  const [simOpen, setSimOpen] = useState(false);
  const logout = useLogout();
  return (
    <header className="topbar">
      <ConnectionIndicator />
      {telephony.data?.mode === 'off' && (
        <span className="muted small" data-testid="telephony-off">
          Telephony off
        </span>
      )}
      <div className="topbar-spacer" />
      {telephony.data?.mode === 'simulator' && (
        <div className="popover-anchor">
          <button type="button" className={`btn btn-sm${simOpen ? ' active' : ''}`} aria-expanded={simOpen} onClick={() => setSimOpen((o) => !o)} data-testid="simulator-toggle">
            Simulator
          </button>
          {simOpen && <SimulatorPanel onClose={() => setSimOpen(false)} />}
        </div>
      )}
      <NotificationButton />
      <PresenceSelect me={me} />
      <div className="user-chip" data-testid="current-user">
        <span className="avatar" aria-hidden="true">
          {initials(me.name)}
        </span>
        <span className="user-name">
          {me.name}
          <span className="muted small"> · {ROLE_LABEL[me.role]}</span>
        </span>
      </div>
      <button
        type="button"
        className="btn btn-sm btn-ghost"
        onClick={() => {
          clearUnseen();
          logout.mutate();
        }}
      >
        Log out
      </button>
    </header>
  );
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function ConnectionIndicator() {
  const state = useStore(connectionStore);
  const label = state === 'connected' ? 'Live' : state === 'connecting' ? 'Connecting…' : state === 'reconnecting' ? 'Reconnecting…' : 'Offline';
  return (
    <span className={`conn conn-${state}`} data-testid="live-indicator" data-state={state} title={state === 'connected' ? 'Live updates on' : 'Live updates paused; trying again'}>
      <span className="conn-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

function NotificationButton() {
  const permission = useStore(notificationPermission);
  if (permission !== 'default') return null;
  return (
    <button type="button" className="btn btn-sm btn-ghost" onClick={() => void askNotificationPermission()} data-testid="enable-notifications">
      Enable notifications
    </button>
  );
}

function PresenceSelect({ me }: { me: Me }) {
  const qc = useQueryClient();
  const change = useMutation({
    mutationFn: (presence: Presence) => api.patch('/api/users/me/presence', { presence }),
    onMutate: (presence) => {
      const before = me.presence;
      qc.setQueryData<Me | null>(keys.me, (m) => (m ? { ...m, presence } : m));
      return before;
    },
    onError: (err, _p, before) => {
      qc.setQueryData<Me | null>(keys.me, (m) => (m && before ? { ...m, presence: before } : m));
      toast(errorMessage(err), 'error');
    },
  });
  return (
    <label className="presence-select">
      <PresenceDot presence={me.presence} />
      <span className="sr-only">Presence</span>
      <select value={me.presence === 'offline' ? 'available' : me.presence} onChange={(e) => change.mutate(e.target.value as Presence)} data-testid="presence-select" aria-label="Presence">
        {CHOICES.map((p) => (
          <option key={p} value={p}>
            {PRESENCE_LABEL[p]}
          </option>
        ))}
      </select>
    </label>
  );
}
