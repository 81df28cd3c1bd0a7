import { useTranslation } from 'react-i18next';
import { leadTitle } from '../../api/labels.ts';
import type { LeadSummaryDto } from '../../api/types.ts';
import { useFormat, useLabels } from '../../i18n/hooks.ts';
import { formatPhone } from '../../i18n/format.ts';
import { AssignMenu } from './AssignMenu.tsx';
import type { Waiting } from './waiting.ts';

interface Props {
  lead: LeadSummaryDto;
  waiting: Waiting | null;
  siteName: string | null;
  selected: boolean;
  current: boolean;
  open: boolean;
  unseen: boolean;
  assignOpen: boolean;
  onAssignOpen: (open: boolean) => void;
  /** A click on the row or its box: `range` with Shift, `toggle` with Ctrl/Cmd or on the box. */
  onPick: (how: 'open' | 'toggle' | 'range') => void;
}

/** One waiting lead: how long it waits (coloured against the deadline), who and what they want, from where, and "Assign". */
export function InboxRow({ lead, waiting, siteName, selected, current, open, unseen, assignOpen, onAssignOpen, onPick }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const request = [lead.service, lead.message].filter(Boolean).join(' · ');
  const level = waiting?.level ?? 'fresh';
  return (
    <tr
      data-testid={`lead-row-${lead.id}`}
      data-new={unseen ? 'true' : undefined}
      data-wait={level}
      className={['inbox-row', `wait-${level}`, selected && 'is-checked', current && 'is-selected', open && 'is-open', unseen && 'is-new'].filter(Boolean).join(' ')}
      aria-selected={selected}
      tabIndex={current ? 0 : -1}
      onClick={(e) => onPick(e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'open')}
    >
      <td className="col-check" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          checked={selected}
          aria-label={t('inbox.select', { name: leadTitle(lead) })}
          data-testid={`inbox-check-${lead.id}`}
          onClick={(e) => {
            e.stopPropagation();
            onPick(e.shiftKey ? 'range' : 'toggle');
          }}
          onChange={() => undefined}
        />
      </td>
      <td className="col-wait">
        <span className={`wait-pill wait-pill-${level}`} title={waiting ? t('inbox.waitTitle', { deadline: f.gap(new Date(0), new Date(waiting.deadlineMs)) }) : undefined} data-testid="wait-time">
          {waiting ? (waiting.workingMs < 60_000 ? t('inbox.underMinute') : f.gap(new Date(0), new Date(waiting.workingMs))) : '…'}
        </span>
      </td>
      <td className="col-client">
        <div className="client-cell">
          {unseen && <span className="new-dot" aria-label={t('lead.new')} role="img" />}
          <span className="client-name">{leadTitle(lead)}</span>
          {lead.returningClient && <span className="badge badge-returning">{t('lead.returning')}</span>}
        </div>
        <div className="sub mono">{formatPhone(lead.client.phone) ?? lead.client.email ?? '—'}</div>
      </td>
      <td className="col-request">
        {request ? <span className="request-text">{request}</span> : <span className="muted">{t('inbox.noRequest')}</span>}
      </td>
      <td className="col-source muted">{siteName ?? labels.source(lead.source)}</td>
      <td className="col-assign" onClick={(e) => e.stopPropagation()}>
        <AssignMenu leads={[lead]} open={assignOpen} onOpenChange={onAssignOpen} label={t('assign.assign')} testId={`inbox-assign-${lead.id}`} />
      </td>
    </tr>
  );
}
