import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { LiveCallDto } from '../../api/types.ts';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat } from '../../i18n/hooks.ts';
import { useNow } from '../../lib/now.ts';
import { openLead } from '../../realtime/socket.ts';
import './calls.css';

/** How often the curator's view of live calls asks again. */
const REFRESH_MS = 5_000;

/** The calls going on now in the curator's department (GET /api/calls/live): who talks to whom, who rings, who waits. */
export function LiveCalls() {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const calls = useQuery({
    queryKey: ['calls-live'],
    queryFn: async () => (await api.get<{ items: LiveCallDto[] }>('/api/calls/live')).items,
    refetchInterval: REFRESH_MS,
  });
  const items = calls.data ?? [];
  if (items.length === 0) return null;
  const stateText = (c: LiveCallDto) => (c.state === 'talking' ? t('liveCalls.talking') : c.state === 'ringing' ? t('liveCalls.ringing') : t('liveCalls.waiting'));
  return (
    <section className="live-calls" aria-label={t('liveCalls.title', { count: items.length })} data-testid="live-calls">
      <strong className="live-calls-title">{t('liveCalls.title', { count: items.length })}</strong>
      <ul>
        {items.map((c) => {
          const who = c.clientName ?? formatPhone(c.clientNumber) ?? t('pop.unknownCaller');
          const other = c.state === 'talking' ? c.agentName : c.state === 'ringing' ? c.ringingNames.join(', ') : null;
          return (
            <li key={c.callId} className={`live-call live-${c.state}`} data-testid={`live-call-${c.callId}`}>
              <span className={`live-state live-state-${c.state}`}>{stateText(c)}</span>
              {c.leadId !== null ? (
                <button type="button" className="btn-link" onClick={() => openLead(c.leadId!)}>
                  {who}
                </button>
              ) : (
                <span>{who}</span>
              )}
              {other && <span className="muted">↔ {other}</span>}
              <span className="muted small mono">{f.gap(c.answeredAt ?? c.startedAt, new Date(now)) ?? ''}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
