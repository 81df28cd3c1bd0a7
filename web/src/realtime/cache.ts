import type { QueryClient } from '@tanstack/react-query';
import { keys, type LeadPages } from '../api/hooks.ts';
import { judgedByServer, matchesFilters, type LeadFilters } from '../api/filters.ts';
import type { LeadDetailDto, LeadSummaryDto } from '../api/types.ts';

const newerOrSame = (a: LeadSummaryDto, b: LeadSummaryDto) => a.version >= b.version;

/**
 * Puts one changed lead into every cached list, board and card in place: replaced where it already is,
 * dropped where it no longer matches, inserted (by creation time, newest first) where it now matches.
 * No refetch: a busy department produces a lead a second and the screens must stay still. The server sends a
 * lead only to those who may see it (and `lead:hidden` to those who no longer may): nothing is guessed here.
 */
export function applyLead(qc: QueryClient, lead: LeadSummaryDto): void {
  for (const [key, data] of qc.getQueriesData<LeadPages>({ queryKey: keys.leadLists })) {
    if (!data) continue;
    const filters = (key[1] ?? {}) as LeadFilters;
    // A report's set of leads (who did what, when) or a client segment cannot be judged here: its rows are updated, never added or dropped.
    const report = judgedByServer(filters);
    if (report && !data.pages.some((p) => p.items.some((l) => l.id === lead.id))) continue;
    const belongs = report || matchesFilters(lead, filters);
    const next = placeInPages(data, lead, belongs);
    if (next !== data) qc.setQueryData(key, next);
  }
  qc.setQueryData<LeadDetailDto>(keys.lead(lead.id), (d) => {
    if (!d || !newerOrSame(lead, d.lead)) return d;
    return { ...d, lead: { ...d.lead, ...lead } };
  });
  // A client card on screen counts the client's leads: read it again.
  void qc.invalidateQueries({ queryKey: keys.client(lead.client.id), refetchType: 'active' });
}

function placeInPages(data: LeadPages, lead: LeadSummaryDto, belongs: boolean): LeadPages {
  let found = false;
  let changed = false;
  const pages = data.pages.map((p) => {
    const idx = p.items.findIndex((l) => l.id === lead.id);
    if (idx < 0) return p;
    found = true;
    const current = p.items[idx]!;
    if (!newerOrSame(lead, current)) return p;
    changed = true;
    const items = belongs ? p.items.map((l, i) => (i === idx ? lead : l)) : p.items.filter((_, i) => i !== idx);
    return { ...p, items, total: p.total !== undefined && !belongs ? Math.max(0, p.total - 1) : p.total };
  });
  if (found) return changed ? { ...data, pages } : data;
  if (!belongs) return data;
  // Not loaded yet: insert where its creation time puts it, unless that is beyond what is loaded.
  const created = Date.parse(lead.createdAt);
  for (let pi = 0; pi < pages.length; pi++) {
    const p = pages[pi]!;
    const at = p.items.findIndex((l) => Date.parse(l.createdAt) < created);
    const isLast = pi === pages.length - 1;
    if (at >= 0 || (isLast && p.nextCursor === null)) {
      const items = [...p.items];
      items.splice(at >= 0 ? at : items.length, 0, lead);
      const withTotal = (x: typeof p, i: number) => (i === 0 && x.total !== undefined ? { ...x, total: x.total + 1 } : x);
      const out = pages.map((x, i) => withTotal(i === pi ? { ...p, items } : x, i));
      return { ...data, pages: out };
    }
  }
  return data;
}

/** The lead is no longer the user's to see (it changed hands): out of every list; its card, if open, reloads. */
export function dropLead(qc: QueryClient, leadId: number): void {
  for (const [key, data] of qc.getQueriesData<LeadPages>({ queryKey: keys.leadLists })) {
    if (!data) continue;
    const pages = data.pages.map((p) => {
      const items = p.items.filter((l) => l.id !== leadId);
      return items.length === p.items.length ? p : { ...p, items, total: p.total !== undefined ? Math.max(0, p.total - 1) : p.total };
    });
    if (pages.some((p, i) => p !== data.pages[i])) qc.setQueryData(key, { ...data, pages });
  }
  void qc.invalidateQueries({ queryKey: keys.lead(leadId), refetchType: 'active' });
}

/** Local change before the server answers (board drag, flag): returns a function that undoes it. */
export function optimisticLead(qc: QueryClient, lead: LeadSummaryDto, patch: Partial<LeadSummaryDto>): () => void {
  const snapshots = qc.getQueriesData({ queryKey: keys.leadLists });
  const detail = qc.getQueryData(keys.lead(lead.id));
  applyLead(qc, { ...lead, ...patch });
  return () => {
    for (const [k, v] of snapshots) qc.setQueryData(k, v);
    qc.setQueryData(keys.lead(lead.id), detail);
  };
}

/** Every loaded lead across lists (to find a lead's summary by id without a request). */
export function findCachedLead(qc: QueryClient, id: number): LeadSummaryDto | undefined {
  const d = qc.getQueryData<LeadDetailDto>(keys.lead(id));
  if (d) return d.lead;
  for (const [, data] of qc.getQueriesData<LeadPages>({ queryKey: keys.leadLists })) {
    for (const p of data?.pages ?? []) {
      const l = p.items.find((x) => x.id === id);
      if (l) return l;
    }
  }
  return undefined;
}
