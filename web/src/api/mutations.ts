import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage } from './client.ts';
import { keys } from './hooks.ts';
import type { ClientDto, LeadColour, LeadDetailDto, LeadStatus, LeadSummaryDto } from './types.ts';
import { applyLead, optimisticLead } from '../realtime/cache.ts';
import { startOutgoingBar } from '../realtime/live-state.ts';
import { toast } from '../components/toast.ts';
import { i18n } from '../i18n/i18n.ts';

export interface LeadPatch {
  status?: LeadStatus;
  flagged?: boolean;
  colour?: LeadColour | null;
  service?: string | null;
  amount?: number | null;
  currency?: string;
}

/** After a 409 (or any doubt): the server's current lead, placed into every list and the card. */
export async function reloadLead(qc: QueryClient, id: number): Promise<void> {
  try {
    const d = await api.get<LeadDetailDto>(`/api/leads/${id}`);
    qc.setQueryData(keys.lead(id), d);
    applyLead(qc, d.lead);
  } catch {
    await qc.invalidateQueries({ queryKey: keys.leadLists });
  }
}

export function conflictToast(): void {
  toast(i18n.t('errors.conflictReloaded'), 'error');
}

/** PATCH /api/leads/:id with the version the user saw: optimistic, undone on error, never overwriting. */
export function usePatchLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ lead, patch }: { lead: LeadSummaryDto; patch: LeadPatch }) =>
      api.patch<{ lead: LeadSummaryDto }>(`/api/leads/${lead.id}`, { ...patch, version: lead.version }),
    onMutate: ({ lead, patch }) => optimisticLead(qc, lead, patch),
    onSuccess: (res, { lead }) => {
      applyLead(qc, res.lead);
      void qc.invalidateQueries({ queryKey: keys.lead(lead.id), refetchType: 'active' });
    },
    onError: (err, { lead }, undo) => {
      undo?.();
      if (err instanceof ApiError && err.status === 409) {
        conflictToast();
        void reloadLead(qc, lead.id);
      } else toast(errorMessage(err), 'error');
    },
  });
}

export function useAssignLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ leadId, managerId }: { leadId: number; managerId: number }) => api.post<{ lead: LeadSummaryDto }>(`/api/leads/${leadId}/assign`, { managerId }),
    onSuccess: (res, { leadId }) => {
      applyLead(qc, res.lead);
      void reloadLead(qc, leadId);
      void qc.invalidateQueries({ queryKey: keys.users });
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
}

/** Comments, files: a POST on the lead, then the open card reloads once. */
function useLeadPost<V>(path: (leadId: number) => string, body: (v: V) => Record<string, unknown> | FormData) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ leadId, value }: { leadId: number; value: V }) => api.post<unknown>(path(leadId), body(value)),
    onSuccess: (_res, { leadId }) => {
      void qc.invalidateQueries({ queryKey: keys.lead(leadId) });
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
}

export const useAddComment = () => useLeadPost<string>((id) => `/api/leads/${id}/comments`, (text) => ({ text }));

export const useUploadFile = () =>
  useLeadPost<File>(
    (id) => `/api/leads/${id}/attachments`,
    (file) => {
      const fd = new FormData();
      fd.append('file', file, file.name);
      return fd;
    },
  );

export function useAddReminder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ leadId, at, text }: { leadId: number; at: string; text: string }) => api.post<unknown>(`/api/leads/${leadId}/reminders`, { at, text }),
    onSuccess: (_r, { leadId }) => {
      toast(i18n.t('reminders.set'), 'success');
      void qc.invalidateQueries({ queryKey: keys.lead(leadId) });
      void qc.invalidateQueries({ queryKey: keys.reminders });
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
}

export function usePatchReminder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: { done?: boolean; at?: string } }) => api.patch<unknown>(`/api/reminders/${id}`, change),
    onSuccess: (_r, { change }) => {
      if (change.at) toast(i18n.t('reminders.snoozed'), 'success');
      void qc.invalidateQueries({ queryKey: keys.reminders });
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'lead', refetchType: 'active' });
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
}

export type ClientPatch = Partial<Omit<ClientDto, 'id' | 'version'>>;

export function usePatchClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ client, patch }: { client: ClientDto; leadId: number; patch: ClientPatch }) =>
      api.patch<unknown>(`/api/clients/${client.id}`, { ...patch, version: client.version }),
    onSuccess: (_r, { leadId }) => {
      toast(i18n.t('client.saved'), 'success');
      void reloadLead(qc, leadId);
    },
    onError: (err, { leadId }) => {
      if (err instanceof ApiError && err.status === 409) {
        conflictToast();
        void reloadLead(qc, leadId);
      } else if (!(err instanceof ApiError && err.status === 400)) toast(errorMessage(err), 'error');
    },
  });
}

/** Click-to-call: the manager's own phone rings first; the call shows as a bar until it ends (`who`: the bar's name for the client). */
export function useCall() {
  return useMutation({
    mutationFn: ({ leadId, phone }: { leadId: number; phone: string; who?: string }) => api.post<{ callId: number }>(`/api/leads/${leadId}/call`, { phone }),
    onSuccess: (res, { phone, who }) => {
      toast(i18n.t('client.calling'), 'success');
      startOutgoingBar(res.callId, phone, who);
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
}


/**
 * The save of a team record (department, user): PATCH `path/:id` when editing, POST `path` when creating;
 * on success a toast (`saved` or `created`), the list reloaded and `onSaved`.
 */
export function useSaveRecord({ path, id, list, saved, created, onSaved }: { path: string; id: number | undefined; list: readonly unknown[]; saved: string; created: string; onSaved: () => void }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => (id !== undefined ? api.patch(`${path}/${id}`, body) : api.post(path, body)),
    onSuccess: () => {
      toast(id !== undefined ? saved : created, 'success');
      void qc.invalidateQueries({ queryKey: list });
      onSaved();
    },
  });
}
