import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import { filtersToParams, type LeadFilters } from '../../api/filters.ts';
import type { LeadCountsDto } from '../../api/types.ts';

/**
 * The board's column figures for the filtered set (GET /api/leads/counts), asked again whenever the board's own list
 * changes (a page, a live event, a move), given as `listUpdatedAt`.
 */
export function useLeadCounts(filters: LeadFilters, listUpdatedAt: number) {
  const rest: LeadFilters = { ...filters };
  delete rest.sort; // an order changes no count
  const qc = useQueryClient();
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: ['lead-counts'] });
  }, [qc, listUpdatedAt]);
  return useQuery({
    queryKey: ['lead-counts', rest],
    queryFn: ({ signal }) => api.get<LeadCountsDto>(withQuery('/api/leads/counts', filtersToParams(rest)), { signal }),
    staleTime: 10_000,
  });
}
