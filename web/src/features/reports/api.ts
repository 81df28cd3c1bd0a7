import { keepPreviousData, useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import { periodOfDays } from './period.ts';
import type { ActivityPage, FunnelReport, ManagersReport } from './types.ts';

export function useManagersReport(params: { from: string; to: string; departmentId?: number | null }) {
  return useQuery({
    queryKey: ['reports', 'managers', params],
    queryFn: () => api.get<ManagersReport>(withQuery('/api/stats/managers', params)),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The per-day line: the managers' figures of each day (one request a day, periods up to `MAX_LINE_DAYS`). */
export const MAX_LINE_DAYS = 62;
export function useDailyReports(days: string[], departmentId: number | null | undefined) {
  return useQueries({
    queries: (days.length <= MAX_LINE_DAYS ? days : []).map((day) => {
      const params = { ...periodOfDays({ first: day, last: day }), departmentId };
      return {
        queryKey: ['reports', 'managers', params],
        queryFn: () => api.get<ManagersReport>(withQuery('/api/stats/managers', params)),
        staleTime: 60_000,
      };
    }),
  });
}

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
