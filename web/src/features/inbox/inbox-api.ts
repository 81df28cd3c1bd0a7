import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client.ts';
import { keys } from '../../api/hooks.ts';
import { INBOX_FILTERS } from '../../api/filters.ts';
import type { LeadSummaryDto } from '../../api/types.ts';
import { toast } from '../../components/toast.ts';
import { i18n } from '../../i18n/i18n.ts';

export interface NextInTurn {
  userId: number | null;
  name: string | null;
  openNew: number | null;
}

/** GET /api/inbox/next-in-turn: the eligible manager with the least open load (server/modules/inbox/next-in-turn.ts). */
export function useNextInTurn(departmentId: number | null) {
  return useQuery({
    queryKey: ['next-in-turn', departmentId],
    queryFn: async () => (await api.get<{ next: NextInTurn }>(`/api/inbox/next-in-turn?departmentId=${departmentId}`)).next,
    enabled: departmentId !== null,
    staleTime: 5_000,
  });
}

interface BulkAssignResult {
  assigned: number[];
  skipped: { leadId: number; reason: 'stale' | 'unchanged' }[];
}

/**
 * POST /api/inbox/assign: the leads (with the versions on screen) to one manager. The inbox drops them through the
 * live `lead:assigned`; a lead somebody else assigned meanwhile is named in a toast.
 */
export function useBulkAssign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ leads, managerId }: { leads: LeadSummaryDto[]; managerId: number; managerName: string }) =>
      api.post<BulkAssignResult>('/api/inbox/assign', { leads: leads.map((l) => ({ id: l.id, version: l.version })), managerId }),
    onSuccess: (res, { managerName }) => {
      const stale = res.skipped.filter((s) => s.reason === 'stale').length;
      if (res.assigned.length) toast(i18n.t('inbox.assignedToast', { count: res.assigned.length, name: managerName }), 'info');
      if (stale) toast(i18n.t('inbox.staleToast', { count: stale }), 'error');
      void qc.invalidateQueries({ queryKey: keys.leads(INBOX_FILTERS) });
      void qc.invalidateQueries({ queryKey: keys.users });
      void qc.invalidateQueries({ queryKey: ['next-in-turn'] });
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
}
