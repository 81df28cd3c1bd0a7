import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLead } from '../../api/hooks.ts';
import { usePatchLead } from '../../api/mutations.ts';
import { errorMessage } from '../../api/client.ts';
import { COLOURS, COLOUR_HEX, leadTitle } from '../../api/labels.ts';
import type { LeadDetailDto, SpeedCallVia } from '../../api/types.ts';
import { setSearchParams, useLocation } from '../../lib/router.tsx';
import { markSeen } from '../../realtime/attention.ts';
import { Ago, FlagIcon, Spinner } from '../../components/ui.tsx';
import { ClientBlock } from './ClientBlock.tsx';
import { AssignPicker } from './AssignPicker.tsx';
import { DealField } from './DealAmount.tsx';
import { Composer, type ComposerMode } from './Composer.tsx';
import { Timeline } from './Timeline.tsx';
import { LeadTopBar, OtherFields, OtherLeads } from './LeadTopBar.tsx';
import { RequestTerms } from './RequestTerms.tsx';
import { SegmentBadges } from '../../components/segments.tsx';
import { useFormat, useLabels } from '../../i18n/hooks.ts';

/** The quick view: opens beside any list (?lead=<id>) so the list stays where it was. */
export function LeadPanel() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const id = Number(search.get('lead')) || null;
  const detail = useLead(id);
  const close = () => setSearchParams({ lead: null });
  const panelRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (id) markSeen(id);
  }, [id]);

  useEffect(() => {
    if (!id) return;
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target as HTMLElement;
      if (t.closest('dialog[open], .popover')) return;
      if (t.matches('input, textarea, select')) {
        t.blur();
        return;
      }
      // Back to the row the card belongs to.
      setSearchParams({ lead: null });
      window.setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="lead-row-${id}"]`)?.focus(), 0);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id]);

  if (!id) return null;
  return (
    <aside className="lead-panel" ref={panelRef} aria-label={t('lead.quickView')} data-testid="lead-quick-view" data-lead-id={id}>
      {detail.isPending ? (
        <div className="center-pad">
          <Spinner />
        </div>
      ) : detail.isError ? (
        <div className="panel-error">
          <p>{errorMessage(detail.error)}</p>
          <button type="button" className="btn" onClick={close}>
            {t('common.close')}
          </button>
        </div>
      ) : (
        <LeadCard key={id} detail={detail.data} onClose={close} />
      )}
    </aside>
  );
}

function LeadCard({ detail, onClose }: { detail: LeadDetailDto; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { lead, client } = detail;
  const patch = usePatchLead();
  const [mode, setMode] = useState<ComposerMode>('comment');
  const composerRef = useRef<HTMLDivElement>(null);
  const canAssign = lead.can.assign;
  const title = client.fullName || client.organization || leadTitle(lead);
  const remind = () => {
    setMode('reminder');
    window.setTimeout(() => composerRef.current?.scrollIntoView({ block: 'nearest' }), 0);
  };

  return (
    <div className="lead-card">
      <header className="panel-head">
        <div className="panel-title">
          <button
            type="button"
            className={`flag-btn flag-lg${lead.flagged ? ' on' : ''}`}
            aria-pressed={lead.flagged}
            aria-label={lead.flagged ? t('lead.unflag') : t('lead.flag')}
            data-testid="lead-flag-toggle"
            onClick={() => patch.mutate({ lead, patch: { flagged: !lead.flagged } })}
          >
            <FlagIcon on={lead.flagged} />
          </button>
          <div>
            <h2 data-testid="lead-title">{title}</h2>
            <div className="muted small">
              #{lead.id} · {labels.source(lead.source)}
              {lead.returningClient && <span className="badge badge-returning">{t('lead.returningClient')}</span>}
              <SegmentBadges segments={detail.clientSegments} />
            </div>
          </div>
        </div>
        <button type="button" className="icon-btn" aria-label={t('lead.closeQuickView')} onClick={onClose} data-testid="lead-close">
          ×
        </button>
      </header>

      <div className="panel-scroll">
        <LeadTopBar detail={detail} onRemind={remind} />
        <div className="lead-controls">
          <div className="control">
            <span className="control-label">{t('lead.owner')}</span>
            {canAssign ? <AssignPicker lead={lead} /> : <span className="control-value">{lead.ownerName ?? t('common.unassigned')}</span>}
          </div>
          <div className="control">
            <span className="control-label" id="colour-label">
              {t('lead.colour')}
            </span>
            <div className="colour-picker" role="radiogroup" aria-labelledby="colour-label" data-testid="colour-picker">
              <button
                type="button"
                role="radio"
                aria-checked={lead.colour === null}
                aria-label={t('lead.noColour')}
                className="swatch swatch-none"
                onClick={() => patch.mutate({ lead, patch: { colour: null } })}
              />
              {COLOURS.map((c) => (
                <button
                  key={c}
                  type="button"
                  role="radio"
                  aria-checked={lead.colour === c}
                  aria-label={t('lead.colourNamed', { colour: labels.colour(c) })}
                  className="swatch"
                  style={{ background: COLOUR_HEX[c] }}
                  data-testid={`colour-${c}`}
                  onClick={() => patch.mutate({ lead, patch: { colour: c } })}
                />
              ))}
            </div>
          </div>
          <DealField key={`deal-${lead.id}-${lead.version}`} lead={lead} />
          <ServiceField key={`${lead.id}-${lead.version}`} value={lead.service} onSave={(service) => patch.mutate({ lead, patch: { service } })} />
        </div>

        <SpeedToLead lead={lead} speed={detail.speed} />

        {(lead.message || lead.pageUrl || lead.language || lead.requestedAmount) && (
          <div className="request-box">
            {lead.message && <p className="request-message">{lead.message}</p>}
            <RequestTerms lead={lead} />
            {lead.pageUrl && (
              <div className="muted small ellipsis">
                {t('lead.from')}{' '}
                <a href={lead.pageUrl} target="_blank" rel="noreferrer noopener">
                  {lead.pageUrl}
                </a>
              </div>
            )}
            {lead.utm && Object.keys(lead.utm).length > 0 && (
              <div className="muted small">
                {Object.entries(lead.utm)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(' · ')}
              </div>
            )}
          </div>
        )}
        <OtherFields fields={lead.otherFields} />

        <ClientBlock key={client.id} client={client} leadId={lead.id} />
        <OtherLeads leads={detail.otherLeads} />

        <div ref={composerRef}>{lead.can.edit && <Composer leadId={lead.id} mode={mode} onMode={setMode} />}</div>
        <Timeline detail={detail} />
      </div>
    </div>
  );
}

function ServiceField({ value, onSave }: { value: string | null; onSave: (v: string | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const save = () => {
    const v = text.trim() || null;
    if (v !== value) onSave(v);
  };
  return (
    <label className="control control-wide">
      <span className="control-label">{t('lead.service')}</span>
      <input
        value={text}
        placeholder={t('lead.servicePlaceholder')}
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => e.key === 'Enter' && save()}
        data-testid="service-input"
      />
    </label>
  );
}

function SpeedToLead({ lead, speed }: { lead: LeadDetailDto['lead']; speed: LeadDetailDto['speed'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toAssign = f.gap(lead.createdAt, lead.assignedAt);
  const toContact = f.gap(lead.createdAt, lead.firstContactAt);
  const after = (seconds: number | null) =>
    seconds === null ? <span className="warn-text">{t('speed.notYet')}</span> : t('speed.after', { gap: f.gap(new Date(0), new Date(seconds * 1000)) ?? '—' });
  const callHow = { callback: t('speed.viaCallback'), outbound: t('speed.viaOutbound'), inbound: t('speed.viaInbound') };
  const callVia = (via: SpeedCallVia | null, testId: string) =>
    via && (
      <small className="speed-via" data-testid={testId}>
        {via.userName ? t('speed.viaWho', { how: callHow[via.how], name: via.userName }) : callHow[via.how]}
      </small>
    );
  const assigned = speed.assignedVia;
  const assignedHow = assigned && { owner: t('speed.viaOwner'), rule: t('speed.viaRule'), pool: t('speed.viaPool'), manual: assigned.byName ? t('speed.viaManualBy', { name: assigned.byName }) : t('speed.viaManual') }[assigned.how];
  return (
    <dl className="speed" data-testid="speed-to-lead">
      <div>
        <dt>{t('speed.arrived')}</dt>
        <dd title={f.dateTime(lead.createdAt)}>
          <Ago iso={lead.createdAt} />
        </dd>
      </div>
      <div>
        <dt>{t('speed.assigned')}</dt>
        <dd title={f.dateTime(lead.assignedAt)}>{lead.assignedAt ? t('speed.after', { gap: toAssign ?? '—' }) : <span className="warn-text">{t('speed.notYet')}</span>}</dd>
        {assigned && assignedHow && (
          <small className="speed-via" data-testid="speed-assigned-via">
            {assigned.how === 'manual' || !assigned.managerName ? assignedHow : t('speed.viaWho', { how: assignedHow, name: assigned.managerName })}
          </small>
        )}
      </div>
      <div>
        <dt>{t('speed.firstContact')}</dt>
        <dd title={f.dateTime(lead.firstContactAt)}>{lead.firstContactAt ? t('speed.after', { gap: toContact ?? '—' }) : <span className="warn-text">{t('speed.notYet')}</span>}</dd>
      </div>
      <div>
        <dt>{t('speed.firstAttempt')}</dt>
        <dd data-testid="speed-first-attempt">{after(speed.firstAttemptSeconds)}</dd>
        {callVia(speed.firstAttemptVia, 'speed-first-attempt-via')}
      </div>
      <div>
        <dt>{t('speed.firstConversation')}</dt>
        <dd data-testid="speed-first-conversation">{after(speed.firstConversationSeconds)}</dd>
        {callVia(speed.firstConversationVia, 'speed-first-conversation-via')}
      </div>
      <div>
        <dt>{t('speed.updated')}</dt>
        <dd>
          <Ago iso={lead.updatedAt} />
        </dd>
      </div>
    </dl>
  );
}
