import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallDisposition, LeadStatus } from '../../api/types.ts';
import type { LeadSource } from '../../i18n/labels.ts';
import { Empty, Spinner } from '../../components/ui.tsx';
import { errorMessage } from '../../api/client.ts';
import { setSearchParams } from '../../lib/router.tsx';
import { formatPhone } from '../../i18n/format.ts';
import { useFormat, useLabels } from '../../i18n/hooks.ts';
import { useActivity } from './api.ts';
import { ACTIVITY_KINDS, type ActivityItem } from './types.ts';

function useKindLabels(): Record<string, string> {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      created: t('reports.kind.created'),
      assigned: t('reports.kind.assigned'),
      status: t('reports.kind.status'),
      edited: t('reports.kind.edited'),
      comment: t('reports.kind.comment'),
      attachment: t('reports.kind.attachment'),
      reminder_set: t('reports.kind.reminderSet'),
      reminder_done: t('reports.kind.reminderDone'),
      called: t('reports.kind.called'),
      answered: t('reports.kind.answered'),
    }),
    [t],
  );
}

const ISO_AT_START = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\s*(.*)$/s;

/** A line's detail in words: a status, a call's disposition, a field, a number, a reminder's moment. */
function useDetail(): (item: ActivityItem) => string {
  const labels = useLabels();
  const f = useFormat();
  return (item) => {
    const d = item.detail;
    if (!d) return '';
    switch (item.kind) {
      case 'created':
        return labels.source(d as LeadSource);
      case 'status':
        return labels.status(d as LeadStatus);
      case 'edited':
        return labels.field(d);
      case 'called':
        return labels.disposition(d as CallDisposition);
      case 'answered':
        return formatPhone(d);
      case 'reminder_set': {
        const m = ISO_AT_START.exec(d);
        return m ? `${f.dateTime(m[1])} ${m[2] ?? ''}`.trim() : d;
      }
      default:
        return d;
    }
  };
}

/** "What did this manager do": their lines, newest first, by kind, a page at a time. */
export function ActivityFeed({ people, period }: { people: { userId: number; name: string }[]; period: { from: string; to: string } }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kinds = useKindLabels();
  const detail = useDetail();
  const [picked, setPicked] = useState<number | null>(null);
  const [kind, setKind] = useState('');
  const userId = picked ?? people[0]?.userId ?? null;
  const feed = useActivity({ userId, ...period, kind: kind || undefined });
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="report-section" aria-labelledby="activity-title" data-testid="activity">
      <div className="report-head">
        <h2 id="activity-title">{t('reports.activity')}</h2>
        <select aria-label={t('reports.activityOf')} value={userId ?? ''} onChange={(e) => setPicked(Number(e.target.value))} data-testid="activity-user">
          {people.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.name}
            </option>
          ))}
        </select>
        <select aria-label={t('reports.activityKind')} value={kind} onChange={(e) => setKind(e.target.value)} data-testid="activity-kind">
          <option value="">{t('reports.allKinds')}</option>
          {ACTIVITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {kinds[k]}
            </option>
          ))}
        </select>
      </div>
      {userId === null ? (
        <Empty>{t('reports.nobody')}</Empty>
      ) : feed.isPending ? (
        <Spinner />
      ) : feed.isError ? (
        <Empty>{errorMessage(feed.error)}</Empty>
      ) : items.length === 0 ? (
        <Empty>{t('reports.noActivity')}</Empty>
      ) : (
        <>
          <ol className="activity-feed">
            {items.map((item, i) => (
              <li key={`${item.at}-${i}`}>
                <time dateTime={item.at} className="muted nowrap">
                  {f.dateTime(item.at)}
                </time>
                <span className="badge">{kinds[item.kind] ?? item.kind}</span>
                {item.leadId !== null ? (
                  <button type="button" className="link-button" onClick={() => setSearchParams({ lead: String(item.leadId) })}>
                    {item.leadName ?? `#${item.leadId}`}
                  </button>
                ) : (
                  <span>{item.leadName}</span>
                )}
                <span className="muted activity-detail">{detail(item)}</span>
              </li>
            ))}
          </ol>
          {feed.hasNextPage && (
            <button type="button" className="btn btn-sm" disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()} data-testid="activity-more">
              {feed.isFetchingNextPage ? t('common.loading') : t('reports.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
