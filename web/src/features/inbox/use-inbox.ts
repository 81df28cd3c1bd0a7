import { useMemo } from 'react';
import { INBOX_FILTERS } from '../../api/filters.ts';
import { useDepartments, useLeadList } from '../../api/hooks.ts';
import type { LeadSummaryDto, SpeedToLeadSettings } from '../../api/types.ts';
import { useNow } from '../../lib/now.ts';
import { waitingOf, type Waiting } from './waiting.ts';

export interface InboxLead {
  lead: LeadSummaryDto;
  /** Null until the department's settings are in. */
  waiting: Waiting | null;
}

/**
 * The leads waiting for a manager (any open status, no owner: "seen" is not "handled"), longest waiting first, each
 * with its waiting time against its department's deadline; kept live by the socket (realtime/cache.ts).
 */
export function useInbox() {
  const list = useLeadList(INBOX_FILTERS);
  const departments = useDepartments();
  const now = useNow();
  const settings = useMemo(() => new Map<number, SpeedToLeadSettings>((departments.data ?? []).map((d) => [d.id, d.speedToLead])), [departments.data]);
  const rows = useMemo<InboxLead[]>(() => {
    const leads = list.data?.pages.flatMap((p) => p.items) ?? [];
    return leads
      .map((lead) => {
        const s = settings.get(lead.departmentId);
        return { lead, waiting: s ? waitingOf(lead.createdAt, s, now) : null };
      })
      .sort((a, b) => Date.parse(a.lead.createdAt) - Date.parse(b.lead.createdAt));
  }, [list.data, settings, now]);
  const loaded = rows.length;
  const total = list.data?.pages[0]?.total ?? loaded;
  const late = rows.filter((r) => r.waiting?.level === 'late').length;
  return { list, rows, total, more: !!list.hasNextPage && list.data?.pages[0]?.total === undefined, late };
}
