import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client.ts';
import { toast } from '../../components/toast.ts';
import { PhoneIcon } from '../../components/icons.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { removePop, updatePop, type CallPop } from '../../realtime/live-state.ts';
import { openLead } from '../../realtime/socket.ts';

/** Seconds since `from` (ms), ticking every second while shown. */
function useSeconds(from: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((now - from) / 1000));
}

/** Calls shrunk to a bar at the bottom, clear of the lead card: who, how long, hang up. */
export function CallBar({ pops }: { pops: CallPop[] }) {
  if (pops.length === 0) return null;
  return (
    <div className="call-bars" role="region">
      {pops.map((p) => (
        <CallBarLine key={p.event.callId} pop={p} />
      ))}
    </div>
  );
}

function CallBarLine({ pop }: { pop: CallPop }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { event, phase } = pop;
  const seconds = useSeconds(pop.upAt ?? pop.receivedAt);
  const hangUp = useMutation({
    mutationFn: () => api.post(`/api/calls/${event.callId}/hangup`, {}),
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  const lead = event.lead;
  const who = pop.who ?? lead?.client.fullName ?? lead?.client.organization ?? formatPhone(event.callerNumber);
  const state = phase === 'dialing' ? t('callBar.dialing') : phase === 'up' ? t('pop.onCall') : phase === 'ringing' ? t('pop.incoming') : t('pop.ended');
  return (
    <section className={`call-bar phase-${phase}`} aria-label={t('callBar.label', { who })} data-testid="call-bar" data-call-id={event.callId} data-phase={phase}>
      <span className={`ring-icon${phase === 'ringing' ? ' ringing' : ''}`}>
        <PhoneIcon size={14} />
      </span>
      <button type="button" className="btn-link call-bar-who" onClick={() => lead && openLead(lead.id)} disabled={!lead}>
        {who}
      </button>
      <span className="muted small">{state}</span>
      <span className="call-bar-timer mono" data-testid="call-bar-timer">
        {f.duration(seconds)}
      </span>
      {(phase === 'up' || phase === 'dialing') && (
        <button type="button" className="btn btn-xs btn-danger" onClick={() => hangUp.mutate()} disabled={hangUp.isPending} data-testid="call-bar-hangup">
          {t('pop.hangUp')}
        </button>
      )}
      {phase === 'ringing' && (
        <button type="button" className="btn btn-xs" onClick={() => updatePop(event.callId, { minimized: false })} data-testid="call-bar-expand">
          {t('callBar.expand')}
        </button>
      )}
      <button type="button" className="icon-btn" aria-label={t('pop.dismiss')} onClick={() => removePop(event.callId)}>
        ×
      </button>
    </section>
  );
}
