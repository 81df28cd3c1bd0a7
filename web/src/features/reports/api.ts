import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import type { ActivityPage, FunnelReport, ManagersReport } from './types.ts';

/** The browser's IANA time zone: the calendar of the page's days, and so of the answer's per-day series. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Managers side by side, with the per-day series of the period (in one answer, periods up to `MAX_LINE_DAYS`). */
export function useManagersReport(params: { from: string; to: string; departmentId?: number | null }) {
  const query = { ...params, timeZone: TIME_ZONE };
  return useQuery({
    queryKey: ['reports', 'managers', query],
    queryFn: () => api.get<ManagersReport>(withQuery('/api/stats/managers', query)),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The longest period whose answer carries a per-day series (the server's `MAX_DAILY_DAYS`). */
export const MAX_LINE_DAYS = 92;

export function useFunnel(params: { from: string; to: string; departmentId?: number | null; ownerId?: number | null }) {
  return useQuery({
    queryKey: ['reports', 'funnel', params],
    queryFn: () => api.get<FunnelReport>(withQuery('/api/stats/funnel', params)),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export const ACTIVITY_PAGE = 50;

export function useActivity(params: { userId: number | null; from: string; to: string; kind?: string }) {
  return useInfiniteQuery({
    queryKey: ['reports', 'activity', params],
    enabled: params.userId !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<ActivityPage>(withQuery('/api/activity', { ...params, cursor: pageParam, limit: ACTIVITY_PAGE })),
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 30_000,
  });
}
