import type { CallDto, HistoryEntryDto, LeadStatus } from '../../api/types.ts';
import { FIELD_LABEL, DISPOSITION_LABEL, STATUS_LABEL } from '../../api/labels.ts';
import { Ago, Empty } from '../../components/ui.tsx';
import { dateTime, duration } from '../../lib/time.ts';

export function Calls({ calls }: { calls: CallDto[] }) {
  if (calls.length === 0) return <Empty>No calls with this client yet.</Empty>;
  const sorted = [...calls].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <ul className="call-list" data-testid="calls">
      {sorted.map((c) => (
        <li key={c.id} className="call-item" data-testid={`call-${c.id}`}>
          <div className="call-row">
            <span className={`dir dir-${c.direction}`} aria-label={c.direction === 'inbound' ? 'Inbound' : 'Outbound'} title={c.direction}>
              {c.direction === 'inbound' ? '↙' : '↗'}
            </span>
            <span className="call-who">{c.userName ?? (c.direction === 'inbound' ? 'No one' : '—')}</span>
            <span className="mono small">{c.clientNumber ?? ''}</span>
            <span className="muted small" title={dateTime(c.startedAt)}>
              {dateTime(c.startedAt)}
            </span>
            <span className="muted small">ring {duration(c.ringSeconds)}</span>
            <span className="muted small">talk {duration(c.talkSeconds)}</span>
            <span className={`disposition disposition-${c.disposition ?? c.status}`}>{c.disposition ? DISPOSITION_LABEL[c.disposition] : c.status === 'ringing' ? 'Ringing' : 'In progress'}</span>
          </div>
          {c.recordingUrl && <audio controls preload="none" src={c.recordingUrl} aria-label={`Recording of the call ${dateTime(c.startedAt)}`} />}
        </li>
      ))}
    </ul>
  );
}

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})/g;

/** Values in history rows may carry ISO instants (a reminder's moment): shown in local time. */
function humanize(v: string): string {
  return v.replace(ISO, (m) => dateTime(m));
}

function value(field: string | null, v: string | null): string {
  if (v === null || v === '') return '—';
  v = humanize(v);
  if (field === 'status' && v in STATUS_LABEL) return STATUS_LABEL[v as LeadStatus];
  if (field === 'flagged') return v === 'true' || v === '1' ? 'flagged' : 'not flagged';
  return v;
}

function describe(h: HistoryEntryDto): string {
  const f = h.field ? (FIELD_LABEL[h.field] ?? h.field) : null;
  switch (h.action) {
    case 'created':
      return 'created the lead';
    case 'assigned':
      return h.oldValue ? `reassigned from ${h.oldValue} to ${h.newValue ?? '—'}` : `assigned to ${h.newValue ?? '—'}`;
    case 'status':
      return `changed status from ${value('status', h.oldValue)} to ${value('status', h.newValue)}`;
    case 'comment':
      return 'commented';
    case 'attachment':
      return `attached ${h.newValue ?? 'a file'}`;
    case 'reminder':
      return `set a reminder${h.newValue ? ` for ${humanize(h.newValue)}` : ''}`;
    case 'call':
      return `call${h.newValue ? `: ${humanize(h.newValue)}` : ''}`;
    default:
      if (f) return `changed ${f} from ${value(h.field, h.oldValue)} to ${value(h.field, h.newValue)}`;
      return h.action;
  }
}

export function History({ history }: { history: HistoryEntryDto[] }) {
  if (history.length === 0) return <Empty>No history yet.</Empty>;
  const sorted = [...history].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <ol className="history" data-testid="history">
      {sorted.map((h) => (
        <li key={h.id}>
          <span className="history-who">{h.actorName ?? 'System'}</span> <span>{describe(h)}</span>{' '}
          <span className="muted small">
            <Ago iso={h.createdAt} />
          </span>
        </li>
      ))}
    </ol>
  );
}
