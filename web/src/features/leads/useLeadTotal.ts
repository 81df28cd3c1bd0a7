import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import { filtersToParams, type LeadFilters } from '../../api/filters.ts';
import type { LeadTotalDto } from '../../api/types.ts';

/**
 * How many leads the list's filters match (GET /api/leads/total, exact up to 10,000), asked beside the list so the
 * list never waits for it, and again whenever the list changes (`listUpdatedAt`). A search brings its own total.
 */
export function useLeadTotal(filters: LeadFilters, enabled: boolean, listUpdatedAt: number) {
  const rest: LeadFilters = { ...filters };
  delete rest.sort; // an order changes no count
  const qc = useQueryClient();
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: ['lead-total'] });
  }, [qc, listUpdatedAt]);
  return useQuery({
    queryKey: ['lead-total', rest],
    queryFn: ({ signal }) => api.get<LeadTotalDto>(withQuery('/api/leads/total', filtersToParams(rest)), { signal }),
    enabled,
    staleTime: 10_000,
  });
}
