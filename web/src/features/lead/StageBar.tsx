import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatchLead } from '../../api/mutations.ts';
import { CLOSING, PIPELINE, isClosing } from '../../api/labels.ts';
import type { LeadDetailDto, LeadStatus } from '../../api/types.ts';
import { useLabels } from '../../i18n/hooks.ts';
import { useOutsideClick } from '../../lib/outside-click.ts';
import { DealDialog, isDealStatus } from './DealAmount.tsx';

/**
 * The pipeline as a bar of stages: a click moves the lead there; closing reasons sit in a menu; moving a closed
 * lead back into the pipeline asks first (its closing is part of the report); signing a contract without an amount
 * asks for the amount.
 */
export function StageBar({ lead }: { lead: LeadDetailDto['lead'] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const patch = usePatchLead();
  const [menu, setMenu] = useState(false);
  const [reopenTo, setReopenTo] = useState<LeadStatus | null>(null);
  const [dealFor, setDealFor] = useState<LeadStatus | null>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  useOutsideClick(menuRef, menu, () => setMenu(false));
  // On a phone the bar scrolls sideways: keep the lead's current stage in view (centred), not the first stages.
  useEffect(() => {
    const bar = barRef.current;
    const on = bar?.querySelector<HTMLElement>('.stage.current');
    if (!bar || !on || bar.scrollWidth <= bar.clientWidth) return;
    const [b, c] = [bar.getBoundingClientRect(), on.getBoundingClientRect()];
    bar.scrollLeft += c.left - b.left - (b.width - c.width) / 2;
  }, [lead.status]);
  const closed = isClosing(lead.status);
  const current = PIPELINE.indexOf(lead.status as (typeof PIPELINE)[number]);
  const editable = lead.can.edit;

  const move = (status: LeadStatus) => {
    setMenu(false);
    if (status === lead.status) return;
    if (closed && !isClosing(status)) {
      setReopenTo(status);
      return;
    }
    if (lead.amount === null && isDealStatus(status) && !isDealStatus(lead.status)) {
      setDealFor(status);
      return;
    }
    patch.mutate({ lead, patch: { status } });
  };

  return (
    <div className="stage-bar-wrap">
      <div className="stage-bar" role="group" aria-label={t('lead.status')} data-testid="stage-bar" ref={barRef}>
        {PIPELINE.map((s, i) => (
          <button
            key={s}
            type="button"
            className={`stage${i === current ? ' current' : ''}${!closed && i < current ? ' passed' : ''}`}
            aria-current={i === current ? 'step' : undefined}
            disabled={!editable || patch.isPending}
            title={labels.status(s)}
            data-testid={`stage-${s}`}
            onClick={() => move(s)}
          >
            <span>{labels.status(s)}</span>
          </button>
        ))}
        <div className="popover-anchor" ref={menuRef}>
          <button
            type="button"
            className={`stage stage-close${closed ? ' current closed' : ''}`}
            aria-haspopup="menu"
            aria-expanded={menu}
            disabled={!editable || patch.isPending}
            data-testid="stage-close"
            onClick={() => setMenu((v) => !v)}
          >
            <span>{closed ? labels.status(lead.status) : t('stage.close')}</span> ▾
          </button>
          {menu && (
            <div className="popover menu" role="menu">
              {CLOSING.map((s) => (
                <button key={s} type="button" role="menuitem" className={`menu-item${s === lead.status ? ' on' : ''}`} data-testid={`close-${s}`} onClick={() => move(s)}>
                  {labels.status(s)}
                </button>
              ))}
            </div>
          )}
        </div>
      </div>
      {dealFor && <DealDialog lead={lead} status={dealFor} onClose={() => setDealFor(null)} />}
      {reopenTo && (
        <div className="confirm-bar" role="alertdialog" aria-label={t('stage.reopenTitle')} data-testid="reopen-confirm">
          <span>{t('stage.reopenAsk', { from: labels.status(lead.status), to: labels.status(reopenTo) })}</span>
          <button
            type="button"
            className="btn btn-sm btn-primary"
            data-testid="reopen-yes"
            onClick={() => {
              patch.mutate({ lead, patch: { status: reopenTo } });
              setReopenTo(null);
            }}
          >
            {t('stage.reopen')}
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setReopenTo(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
