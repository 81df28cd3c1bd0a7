import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOSING, PIPELINE } from '../../api/labels.ts';
import { useLabels } from '../../i18n/hooks.ts';
import { useOutsideClick } from '../../lib/outside-click.ts';

/**
 * Several statuses at once (`status=new,offer_sent`), or the groups "all open" / "all closed": a menu of check boxes
 * whose choice goes into the URL as a comma list, as the API reads it.
 */
export function StatusFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useOutsideClick(box, open, () => setOpen(false));
  const chosen = new Set(value ? value.split(',') : []);
  const toggle = (s: string) => {
    const next = new Set(chosen);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    // A group and its own members at once say the same thing twice: the group wins.
    if (s === 'open' && next.has('open')) PIPELINE.forEach((p) => next.delete(p));
    if (s === 'closed' && next.has('closed')) CLOSING.forEach((c) => next.delete(c));
    if ((PIPELINE as readonly string[]).includes(s)) next.delete('open');
    if ((CLOSING as readonly string[]).includes(s)) next.delete('closed');
    onChange([...next].join(','));
  };
  const name = (s: string) => (s === 'open' ? t('filters.open') : s === 'closed' ? t('filters.closed') : labels.status(s as (typeof PIPELINE)[number]));
  const summary = chosen.size === 0 ? t('filters.anyStatus') : chosen.size === 1 ? name([...chosen][0]!) : t('filters.statusesChosen', { count: chosen.size });
  const item = (s: string) => (
    <label key={s} className="check menu-check">
      <input type="checkbox" checked={chosen.has(s)} onChange={() => toggle(s)} data-testid={`filter-status-${s}`} />
      {name(s)}
    </label>
  );
  return (
    <div className="popover-anchor" ref={box}>
      <button type="button" className={`select-like${chosen.size ? ' on' : ''}`} aria-haspopup="true" aria-expanded={open} aria-label={t('filters.status')} data-testid="filter-status" onClick={() => setOpen((v) => !v)}>
        {summary} ▾
      </button>
      {open && (
        <div className="popover menu status-menu" role="group" aria-label={t('filters.status')}>
          {item('open')}
          {item('closed')}
          <div className="menu-sep">{t('statusGroup.pipeline')}</div>
          {PIPELINE.map(item)}
          <div className="menu-sep">{t('statusGroup.closedAs')}</div>
          {CLOSING.map(item)}
        </div>
      )}
    </div>
  );
}
