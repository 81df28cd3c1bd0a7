import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client.ts';
import { keys, useTelephony } from '../../api/hooks.ts';
import type { Me, Presence } from '../../api/types.ts';
import { useStore } from '../../lib/store.ts';
import { connectionStore } from '../../realtime/live-state.ts';
import { askNotificationPermission, notificationPermission } from '../../realtime/attention.ts';
import { PresenceDot } from '../../components/ui.tsx';
import { toast } from '../../components/toast.ts';
import { useLabels } from '../../i18n/hooks.ts';
import { SimulatorPanel } from '../calls/SimulatorPanel.tsx';
import { ProfileMenu } from './ProfileMenu.tsx';

const CHOICES: Exclude<Presence, 'offline'>[] = ['available', 'away', 'dnd'];

export function TopBar({ me }: { me: Me }) {
  const { t } = useTranslation();
  const telephony = useTelephony();
  const [simOpen, setSimOpen] = useState(false);
  return (
    <header className="topbar">
      <ConnectionIndicator />
      {telephony.data?.mode === 'off' && (
        <span className="muted small topbar-note" data-testid="telephony-off">
          {t('topbar.telephonyOff')}
        </span>
      )}
      <div className="topbar-spacer" />
      {telephony.data?.mode === 'simulator' && (
        <div className="popover-anchor">
          <button type="button" className={`btn btn-sm${simOpen ? ' active' : ''}`} aria-expanded={simOpen} onClick={() => setSimOpen((o) => !o)} data-testid="simulator-toggle">
            {t('topbar.simulator')}
          </button>
          {simOpen && <SimulatorPanel onClose={() => setSimOpen(false)} />}
        </div>
      )}
      <NotificationButton />
      <PresenceSelect me={me} />
      <ProfileMenu me={me} />
    </header>
  );
}

function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useStore(connectionStore);
  const label = state === 'connected' ? t('topbar.live') : state === 'connecting' ? t('topbar.connecting') : state === 'reconnecting' ? t('topbar.reconnecting') : t('topbar.offline');
  return (
    <span className={`conn conn-${state}`} data-testid="live-indicator" data-state={state} title={state === 'connected' ? t('topbar.liveOn') : t('topbar.liveOff')}>
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-label">{label}</span>
    </span>
  );
}

function NotificationButton() {
  const { t } = useTranslation();
  const permission = useStore(notificationPermission);
  if (permission !== 'default') return null;
  return (
    <button type="button" className="btn btn-sm btn-ghost" onClick={() => void askNotificationPermission()} data-testid="enable-notifications">
      {t('topbar.enableNotifications')}
    </button>
  );
}

function PresenceSelect({ me }: { me: Me }) {
  const { t } = useTranslation();
  const labels = useLabels();
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
      <span className="sr-only">{t('topbar.presence')}</span>
      <select value={me.presence === 'offline' ? 'available' : me.presence} onChange={(e) => change.mutate(e.target.value as Presence)} data-testid="presence-select" aria-label={t('topbar.presence')}>
        {CHOICES.map((p) => (
          <option key={p} value={p}>
            {labels.presence(p)}
          </option>
        ))}
      </select>
    </label>
  );
}
