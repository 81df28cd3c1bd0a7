import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client.ts';
import { useTelephony } from '../../api/hooks.ts';
import type { Me } from '../../api/types.ts';
import { useStore } from '../../lib/store.ts';
import { callPops, removePop, updatePop, type CallPop } from '../../realtime/live-state.ts';
import { openLead } from '../../realtime/socket.ts';
import { Ago, StatusChip } from '../../components/ui.tsx';
import { toast } from '../../components/toast.ts';
import { PhoneIcon } from '../../components/icons.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat, useLabels } from '../../i18n/hooks.ts';
import { CallBar } from './CallBar.tsx';
import { legEndedText } from './leg-ended.ts';
import './calls.css';

/** Screen pops: the card of who is calling, while the phone is still ringing; shrunk to a bar once the card is open. */
export function CallPops({ me }: { me: Me }) {
  const pops = useStore(callPops);
  return (
    <>
      {pops
        .filter((p) => !p.minimized)
        .map((p) => (
          <CallPopCard key={p.event.callId} pop={p} me={me} />
        ))}
      <CallBar pops={pops.filter((p) => p.minimized)} />
    </>
  );
}

function CallPopCard({ pop, me }: { pop: CallPop; me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const { event, phase } = pop;
  const telephony = useTelephony();
  const simulator = telephony.data?.mode === 'simulator';
  const phone = useMutation({
    // Hanging up is one's own leg through the PBX (any phone); answering and declining are the simulated phone's.
    mutationFn: (action: 'answer' | 'decline' | 'hangup') =>
      action === 'hangup' ? api.post(`/api/calls/${event.callId}/hangup`, {}) : api.post(`/api/telephony/simulator/phone/${action}`, { callId: event.callId, userId: me.id }),
    onSuccess: (_r, action) => {
      if (action === 'decline') removePop(event.callId);
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  const lead = event.lead;
  const name = lead?.client.fullName || lead?.client.organization || null;
  const number = formatPhone(event.callerNumber);

  return (
    <section
      className={`call-pop phase-${phase}`}
      role="alertdialog"
      aria-label={t('pop.incomingFrom', { who: name ?? number })}
      data-testid="call-pop"
      data-call-id={event.callId}
      data-phase={phase}
    >
      <header className="call-pop-head">
        <span className={`ring-icon${phase === 'ringing' ? ' ringing' : ''}`}>
          <PhoneIcon size={16} />
        </span>
        <span className="call-pop-state" data-testid="call-pop-state">
          {phase === 'ringing' && (event.callback ? t('pop.callbackRinging') : t('pop.incoming'))}
          {phase === 'up' && t('pop.onCall')}
          {phase === 'answered_elsewhere' && (pop.answeredByName ? t('pop.answeredBy', { name: pop.answeredByName }) : t('pop.answeredElsewhere'))}
          {phase === 'ended' && (pop.legEnded ? legEndedText(t, pop.legEnded) : t('pop.ended'))}
        </span>
        {event.departmentName && <span className="muted small">{event.departmentName}</span>}
        <button type="button" className="icon-btn" aria-label={t('pop.dismiss')} onClick={() => removePop(event.callId)}>
          ×
        </button>
      </header>
      <div className="call-pop-body">
        {event.callback && (
          <div className="call-pop-callback" data-testid="call-pop-callback">
            {event.callback.service
              ? t('pop.callbackFor', { name: event.callback.clientName ?? number, service: event.callback.service })
              : t('pop.callback', { name: event.callback.clientName ?? number })}
          </div>
        )}
        <div className="caller mono" data-testid="call-pop-number">
          {number}
        </div>
        {lead ? (
          <>
            <div className="caller-name" data-testid="call-pop-name">
              {name ?? t('pop.knownClient')}
              {lead.client.organization && lead.client.fullName && <span className="muted"> · {lead.client.organization}</span>}
            </div>
            <div className="call-pop-row">
              <StatusChip status={lead.status} />
              <span className="muted small">{lead.ownerName ? t('pop.owner', { name: lead.ownerName }) : t('common.unassigned')}</span>
            </div>
          </>
        ) : (
          <div className="muted">{event.departmentName ? t('pop.unknownCallerTo', { department: event.departmentName }) : t('pop.unknownCaller')}</div>
        )}
        {event.lastComment && (
          <blockquote className="last-comment">
            “{event.lastComment.text}” <span className="muted small">— {event.lastComment.authorName ?? t('common.system')}, <Ago iso={event.lastComment.createdAt} /></span>
          </blockquote>
        )}
        {event.lastCall && (
          <div className="muted small">
            {t('pop.lastCall')} <Ago iso={event.lastCall.startedAt} />
            {event.lastCall.disposition && ` · ${labels.disposition(event.lastCall.disposition)}`}
            {event.lastCall.userName && ` · ${event.lastCall.userName}`}
            {event.lastCall.talkSeconds ? ` · ${f.duration(event.lastCall.talkSeconds)}` : ''}
          </div>
        )}
      </div>
      <footer className="call-pop-actions">
        {lead && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              openLead(lead.id);
              // The card is on screen now: the pop steps aside as a bar that does not cover it.
              if (phase === 'ringing' || phase === 'up') updatePop(event.callId, { minimized: true });
            }}
            data-testid="call-pop-open"
          >
            {t('pop.openCard')}
          </button>
        )}
        {simulator && phase === 'ringing' && (
          <>
            <button type="button" className="btn btn-sm btn-success" onClick={() => phone.mutate('answer')} disabled={phone.isPending} data-testid="call-pop-answer">
              {t('pop.answer')}
            </button>
            <button type="button" className="btn btn-sm btn-danger" onClick={() => phone.mutate('decline')} disabled={phone.isPending} data-testid="call-pop-decline">
              {t('pop.decline')}
            </button>
          </>
        )}
        {phase === 'up' && (
          <button type="button" className="btn btn-sm btn-danger" onClick={() => phone.mutate('hangup')} disabled={phone.isPending} data-testid="call-pop-hangup">
            {t('pop.hangUp')}
          </button>
        )}
      </footer>
    </section>
  );
}
