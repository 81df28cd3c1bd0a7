import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CallDto, ClientTag, HistoryEntryDto, LeadColour, LeadStatus } from '../../api/types.ts';
import { COLOURS, PIPELINE, CLOSING, TAGS } from '../../api/labels.ts';
import { Empty } from '../../components/ui.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat, useLabels, type ScreenFormats } from '../../i18n/hooks.ts';
import type { Labels } from '../../i18n/labels.ts';

/** One call: direction, who, number, when, ring and talk time, how it ended, and its recording's player. */
export function CallItem({ call: c, dated = false }: { call: CallDto; dated?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const direction = c.direction === 'inbound' ? t('calls.inbound') : t('calls.outbound');
  return (
    <div className="call-item" data-testid={`call-${c.id}`}>
      <div className="call-row">
        <span className={`dir dir-${c.direction}`} aria-label={direction} title={direction}>
          {c.direction === 'inbound' ? '↙' : '↗'}
        </span>
        <span className="call-who">{c.userName ?? (c.direction === 'inbound' ? t('calls.noOne') : '—')}</span>
        <span className="mono small">{formatPhone(c.clientNumber) ?? ''}</span>
        {dated && <span className="muted small">{f.dateTime(c.startedAt)}</span>}
        <span className="muted small">{t('calls.ring', { duration: f.duration(c.ringSeconds) })}</span>
        <span className="muted small">{t('calls.talk', { duration: f.duration(c.talkSeconds) })}</span>
        <span className={`disposition disposition-${c.disposition ?? c.status}`}>
          {c.disposition ? labels.disposition(c.disposition) : c.status === 'ringing' ? t('calls.ringing') : t('calls.inProgress')}
        </span>
      </div>
      {c.recordingUrl && <audio controls preload="none" src={c.recordingUrl} aria-label={t('calls.recording', { when: f.dateTime(c.startedAt) })} />}
    </div>
  );
}

/** A client's calls, newest first. */
export function Calls({ calls }: { calls: CallDto[] }) {
  const { t } = useTranslation();
  if (calls.length === 0) return <Empty>{t('calls.empty')}</Empty>;
  const sorted = [...calls].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <ul className="call-list" data-testid="calls">
      {sorted.map((c) => (
        <li key={c.id}>
          <CallItem call={c} dated />
        </li>
      ))}
    </ul>
  );
}

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})/g;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES: readonly string[] = [...PIPELINE, ...CLOSING];

/** Values in history rows may carry ISO instants (a reminder's moment): shown in local time. */
function humanize(v: string, f: ScreenFormats): string {
  return v.replace(ISO, (m) => f.dateTime(m));
}

/** A deal as history keeps it (`150000.00 RUB`) in the reader's money format. */
function dealValue(v: string, f: ScreenFormats): string {
  const [amount, currency] = v.split(' ');
  const n = Number(amount);
  try {
    return Number.isFinite(n) && currency ? f.money(n, currency) : v;
  } catch {
    return v;
  }
}

/** A stored value of a history row in words: labels for statuses and colours, dates and phones formatted. */
function value(field: string | null, v: string | null, t: TFunction, labels: Labels, f: ScreenFormats): string {
  if (v === null || v === '') return '—';
  if (field === 'status' && STATUSES.includes(v)) return labels.status(v as LeadStatus);
  if (field === 'colour' && (COLOURS as readonly string[]).includes(v)) return labels.colour(v as LeadColour);
  if (field === 'amount') return dealValue(v, f);
  if (field === 'tag' && (TAGS as readonly string[]).includes(v)) return labels.tag(v as ClientTag);
  if (field === 'flagged') return v === 'true' || v === '1' ? t('history.flagOn') : t('history.flagOff');
  if (DAY.test(v)) return f.date(v);
  if (field === 'phones') return v.split(', ').map((p) => formatPhone(p)).join(', ');
  return humanize(v, f);
}

/** One instant-callback attempt's outcome in words (an unknown code as it is). */
function callbackOutcome(t: TFunction, outcome: string | null): string {
  switch (outcome) {
    case 'manager_declined':
      return t('history.callbackOutcome.manager_declined');
    case 'manager_no_answer':
      return t('history.callbackOutcome.manager_no_answer');
    case 'manager_unavailable':
      return t('history.callbackOutcome.manager_unavailable');
    case 'client_busy':
      return t('history.callbackOutcome.client_busy');
    case 'client_no_answer':
      return t('history.callbackOutcome.client_no_answer');
    case 'talked':
      return t('history.callbackOutcome.talked');
    case 'failed':
      return t('history.callbackOutcome.failed');
    case 'cancelled':
      return t('history.callbackOutcome.cancelled');
    default:
      return outcome ?? '—';
  }
}

/** "Callback (Anna): the client was busy". */
function callbackText(t: TFunction, outcome: string | null, manager: string | null): string {
  return t('history.callback', { name: manager ?? '—', what: callbackOutcome(t, outcome) });
}

export function describe(h: HistoryEntryDto, t: TFunction, labels: Labels, f: ScreenFormats): string {
  const val = (field: string | null, v: string | null) => value(field, v, t, labels, f);
  switch (h.action) {
    case 'created':
      return t('history.created');
    case 'assigned':
      return h.oldValue ? t('history.reassigned', { from: h.oldValue, to: h.newValue ?? '—' }) : t('history.assigned', { to: h.newValue ?? '—' });
    case 'status':
      return t('history.status', { from: val('status', h.oldValue), to: val('status', h.newValue) });
    case 'comment':
      return t('history.commented');
    case 'attachment':
      return h.newValue ? t('history.attached', { name: h.newValue }) : t('history.attachedFile');
    case 'reminder':
      return h.newValue ? t('history.reminderFor', { what: humanize(h.newValue, f) }) : t('history.reminder');
    case 'call':
      if (h.field === 'inbound') return t('history.callInbound', { number: formatPhone(h.newValue) ?? '—' });
      if (h.field === 'outbound') return t('history.callOutbound', { number: formatPhone(h.newValue) ?? '—' });
      if (h.field === 'callback') return callbackText(t, h.newValue, h.oldValue);
      if (h.field === 'callback_retry') return t('history.callbackRetry', { at: h.newValue ? f.dateTime(h.newValue) : '—' });
      // Rows written before calls were recorded by direction: their text as it was.
      return h.newValue ? t('history.callWith', { what: humanize(h.newValue, f) }) : t('history.call');
    default:
      if (h.field) return t('history.changed', { field: labels.field(h.field), from: val(h.field, h.oldValue), to: val(h.field, h.newValue) });
      return h.action;
  }
}
