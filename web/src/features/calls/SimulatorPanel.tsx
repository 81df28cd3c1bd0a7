import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client.ts';
import { useDepartments } from '../../api/hooks.ts';
import { toast } from '../../components/toast.ts';
import { Store, useStore } from '../../lib/store.ts';
import { formatPhone } from '../../i18n/format.ts';

interface Placed {
  channelId: string;
  from: string;
  to: string;
}

// Calls placed from this tab survive closing the panel, so the caller can still hang up.
const placedStore = new Store<Placed[]>([]);

/** The built-in telephone exchange of demo mode: ring a department from any number. */
export function SimulatorPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const numbers = (departments.data ?? []).flatMap((d) => d.phoneNumbers.map((n) => ({ n, label: `${formatPhone(n)} — ${d.name}` })));
  const [from, setFrom] = useState('+79001234567');
  const [to, setTo] = useState('');
  const placed = useStore(placedStore);
  const setPlaced = (f: (p: Placed[]) => Placed[]) => placedStore.set(f);
  const ref = useRef<HTMLDivElement>(null);
  const target = to || numbers[0]?.n || '';

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.parentElement?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  const place = useMutation({
    mutationFn: (v: { from: string; to: string }) => api.post<{ channelId: string }>('/api/telephony/simulator/inbound', v),
    onSuccess: (r, v) => setPlaced((p) => [...p, { channelId: r.channelId, ...v }]),
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  const hangup = useMutation({
    mutationFn: (channelId: string) => api.post('/api/telephony/simulator/caller/hangup', { channelId }),
    onSettled: (_r, _e, channelId) => setPlaced((p) => p.filter((x) => x.channelId !== channelId)),
    onError: (err) => toast(errorMessage(err), 'error'),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (from.trim() && target) place.mutate({ from: from.trim(), to: target });
  }

  return (
    <div
      className="popover simulator"
      ref={ref}
      role="dialog"
      aria-label={t('simulator.label')}
      data-testid="simulator-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h3>{t('simulator.title')}</h3>
      <form onSubmit={submit} className="sim-form">
        <label className="field">
          <span className="field-label">{t('simulator.from')}</span>
          <input value={from} onChange={(e) => setFrom(e.target.value)} autoFocus data-testid="sim-from" />
        </label>
        <label className="field">
          <span className="field-label">{t('simulator.dialled')}</span>
          <select value={target} onChange={(e) => setTo(e.target.value)} data-testid="sim-to">
            {numbers.length === 0 && <option value="">{t('simulator.noNumbers')}</option>}
            {numbers.map((x) => (
              <option key={x.n} value={x.n}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary btn-sm" disabled={place.isPending || !target} data-testid="sim-call">
          {t('simulator.call')}
        </button>
      </form>
      {placed.length > 0 && (
        <ul className="sim-calls">
          {placed.map((p) => (
            <li key={p.channelId}>
              <span className="mono small">
                {formatPhone(p.from)} → {formatPhone(p.to)}
              </span>
              <button type="button" className="btn btn-xs btn-danger" onClick={() => hangup.mutate(p.channelId)} data-testid="sim-caller-hangup">
                {t('simulator.callerHangsUp')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
