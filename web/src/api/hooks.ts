import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, withQuery } from './client.ts';
import { filtersToParams, type LeadFilters } from './filters.ts';
import { installLocale } from '../i18n/language.ts';
import type {
  DepartmentDto,
  LeadDetailDto,
  LeadListDto,
  Me,
  SessionDto,
  MyReminderDto,
  SiteDto,
  TelephonyStateEvent,
  UserDto,
} from './types.ts';

export const PAGE_SIZE = 50;

export const keys = {
  me: ['me'] as const,
  leadLists: ['leads'] as const,
  leads: (f: LeadFilters) => ['leads', f] as const,
  lead: (id: number) => ['lead', id] as const,
  clients: (filters: Record<string, string>) => ['clients', filters] as const,
  client: (id: number) => ['client', id] as const,
  users: ['users'] as const,
  departments: ['departments'] as const,
  sites: ['sites'] as const,
  reminders: ['reminders'] as const,
  telephony: ['telephony'] as const,
};

export type LeadPages = InfiniteData<LeadListDto, string | null>;

/**
 * Back to the login screen with nothing cached. `me` is set to null in place: clearing the cache first would
 * leave the app watching a query that no longer exists, and the shell on screen.
 */
export function signedOut(qc: QueryClient): void {
  qc.setQueryData(keys.me, null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
}

/** Who is logged in; null when nobody is (a 401 is an answer here, not an error). */
export function useMe() {
  const qc = useQueryClient();
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        const r = await api.get<SessionDto>('/api/auth/session', { quiet401: true });
        installLocale.set(r.defaultLocale);
        if (r.telephony) qc.setQueryData(keys.telephony, r.telephony);
        return r.user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Infinity,
  });
}

/** The logged-in user; only used below the login gate. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the logged-in app');
  return data;
}

export function useLeadList(filters: LeadFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: keys.leads(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<LeadListDto>(withQuery('/api/leads', { ...filtersToParams(filters), limit: PAGE_SIZE, cursor: pageParam }), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useLead(id: number | null) {
  return useQuery({
    queryKey: keys.lead(id ?? 0),
    queryFn: ({ signal }) => api.get<LeadDetailDto>(`/api/leads/${id}`, { signal }),
    enabled: id !== null,
  });
}

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: keys.users,
    queryFn: async () => (await api.get<{ items: UserDto[] }>('/api/users')).items,
    enabled,
    staleTime: 60_000,
  });
}

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: keys.departments,
    queryFn: async () => (await api.get<{ items: DepartmentDto[] }>('/api/departments')).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useSites(enabled = true) {
  return useQuery({
    queryKey: keys.sites,
    queryFn: async () => (await api.get<{ items: SiteDto[] }>('/api/sites')).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useReminders() {
  return useQuery({
    queryKey: keys.reminders,
    queryFn: async () => (await api.get<{ items: MyReminderDto[] }>('/api/reminders')).items,
    staleTime: 60_000,
  });
}

export function useTelephony() {
  return useQuery({
    queryKey: keys.telephony,
    queryFn: async (): Promise<TelephonyStateEvent> => {
      try {
        return (await api.get<{ telephony: TelephonyStateEvent }>('/api/telephony/status')).telephony;
      } catch (err) {
        // Until the telephony module answers, the session's view is the best we have.
        if (err instanceof ApiError && err.status === 404) return { mode: 'off', state: 'off' };
        throw err;
      }
    },
    staleTime: Infinity,
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => signedOut(qc),
  });
}
