import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { usePatchReminder } from '../../api/mutations.ts';
import type { LeadDetailDto } from '../../api/types.ts';
import { Ago, Empty } from '../../components/ui.tsx';
import { useFormat, useLabels } from '../../i18n/hooks.ts';
import { LeadDistribution } from './LeadDistribution.tsx';
import { CallItem, describe } from './LeadRecords.tsx';

export const TIMELINE_KINDS = ['comment', 'call', 'status', 'file', 'reminder', 'assignment', 'change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

function kindLabel(t: TFunction, k: TimelineKind | 'all'): string {
  switch (k) {
    case 'all':
      return t('timeline.all');
    case 'comment':
      return t('timeline.comments');
    case 'call':
      return t('timeline.calls');
    case 'status':
      return t('timeline.statuses');
    case 'file':
      return t('timeline.files');
    case 'reminder':
      return t('timeline.reminders');
    case 'assignment':
      return t('timeline.assignments');
    case 'change':
      return t('timeline.changes');
  }
}

interface Item {
  key: string;
  kind: TimelineKind;
  /** The moment it is placed at (a reminder: its due moment, so what is coming stands on top). */
  at: string;
  who: string | null;
  body: ReactNode;
}

/** History rows that other items already show (a comment, a file, a reminder, a call) stay out of the timeline. */
const SHOWN_ELSEWHERE = new Set(['comment', 'attachment', 'reminder', 'call']);

/**
 * Everything that happened on a lead, newest first, from the one card answer (no further request): comments, calls
 * with their player, status changes, files, reminders, assignments and distribution decisions, other changes.
 */
export function Timeline({ detail }: { detail: LeadDetailDto }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const patchReminder = usePatchReminder();
  const [kind, setKind] = useState<TimelineKind | 'all'>('all');

  const items: Item[] = [
    ...detail.comments.map((c): Item => ({ key: `c${c.id}`, kind: 'comment', at: c.createdAt, who: c.authorName, body: <div className="prewrap" data-testid={`comment-${c.id}`}>{c.text}</div> })),
    ...detail.calls.map((c): Item => ({ key: `k${c.id}`, kind: 'call', at: c.startedAt, who: null, body: <CallItem call={c} /> })),
    ...detail.attachments.map(
      (a): Item => ({
        key: `f${a.id}`,
        kind: 'file',
        at: a.createdAt,
        who: a.uploaderName,
        body: (
          <div className="file-line" data-testid={`file-${a.id}`}>
            <a href={a.url} download={a.fileName} className="file-name">
              {a.fileName}
            </a>{' '}
            <span className="muted small">{f.fileSize(a.size)}</span>
          </div>
        ),
      }),
    ),
    ...detail.reminders.map(
      (r): Item => ({
        key: `r${r.id}`,
        kind: 'reminder',
        at: r.dueAt,
        who: null,
        body: (
          <div className={`reminder-line${r.doneAt ? ' done' : ''}`} data-testid={`reminder-${r.id}`}>
            <span>
              <strong>{f.dateTime(r.dueAt)}</strong> <span className="prewrap">{r.text}</span>{' '}
              {r.kind === 'missed_call' && <span className="badge badge-warn">{t('reminders.missedCall')}</span>}
              {r.kind === 'speed_to_lead' && <span className="badge badge-warn">{t('reminders.speedToLead')}</span>}
              {r.doneAt ? <span className="muted small">{t('reminders.stateDone')}</span> : Date.parse(r.dueAt) <= Date.now() && <span className="badge badge-warn">{t('reminders.due')}</span>}
            </span>
            {!r.doneAt && (
              <button type="button" className="btn btn-xs" onClick={() => patchReminder.mutate({ id: r.id, change: { done: true } })}>
                {t('common.done')}
              </button>
            )}
          </div>
        ),
      }),
    ),
    ...detail.history
      .filter((h) => !SHOWN_ELSEWHERE.has(h.action))
      .map((h): Item => ({ key: `h${h.id}`, kind: h.action === 'status' ? 'status' : h.action === 'assigned' ? 'assignment' : 'change', at: h.createdAt, who: h.actorName ?? t('common.system'), body: <span>{describe(h, t, labels, f)}</span> })),
    ...detail.distribution.map((d, i): Item => ({ key: `d${i}`, kind: 'assignment', at: d.at, who: t('common.system'), body: <LeadDistribution decisions={[d]} /> })),
  ].sort((a, b) => b.at.localeCompare(a.at) || b.key.localeCompare(a.key));

  const counts = new Map<TimelineKind, number>();
  for (const i of items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const shown = kind === 'all' ? items : items.filter((i) => i.kind === kind);

  return (
    <section className="timeline" aria-label={t('timeline.title')}>
      <div className="timeline-filters" role="group" aria-label={t('timeline.filter')}>
        {(['all', ...TIMELINE_KINDS] as const).map((k) =>
          k === 'all' || counts.get(k) ? (
            <button key={k} type="button" className={`chip${kind === k ? ' on' : ''}`} aria-pressed={kind === k} data-testid={`timeline-filter-${k}`} onClick={() => setKind(k)}>
              {kindLabel(t, k)}
              {k !== 'all' && <span className="tab-count">{counts.get(k)}</span>}
            </button>
          ) : null,
        )}
      </div>
      {shown.length === 0 && <Empty>{t('timeline.empty')}</Empty>}
      <ol className="timeline-list" data-testid="timeline">
        {shown.map((i) => (
          <li key={i.key} className={`timeline-item tl-${i.kind}`} data-kind={i.kind}>
            <div className="feed-meta">
              <span className="tl-kind">{kindLabel(t, i.kind)}</span>
              {i.who && <strong>{i.who}</strong>} <Ago iso={i.at} />
            </div>
            {i.body}
          </li>
        ))}
      </ol>
    </section>
  );
}
