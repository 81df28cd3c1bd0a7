import type { Knex } from 'knex';
import { CLOSING_STATUSES, LEAD_STATUSES } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';

/** The columns the lead list sorts by; `-created` (newest first) is the default and the only keyset order. */
export const LIST_SORTS = ['created', 'updated', 'client', 'owner', 'status', 'source'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/**
 * Sorting by any other column than `created` reads the whole filtered set and sorts it, which no index serves for
 * every filter and role: it is allowed up to this many leads (a few milliseconds), beyond that the list stays
 * newest first and says so (`sortRestricted`).
 */
export const SORTABLE_MAX = 5_000;

const STATUS_ORDER = [...LEAD_STATUSES, ...CLOSING_STATUSES];

/** The SQL a column sorts by: names as people read them, statuses in pipeline order. */
function sortExpression(db: Queryable, sort: ListSort): Knex.Raw | string {
  switch (sort) {
    case 'created':
      return 'leads.created_at';
    case 'updated':
      return 'leads.updated_at';
    case 'client':
      return db.raw("coalesce(nullif(clients.full_name, ''), clients.organization)");
    case 'owner':
      return 'owner.name';
    case 'source':
      return 'leads.source';
    case 'status':
      return db.raw(`case leads.status ${STATUS_ORDER.map((s, i) => `when '${s}' then ${i}`).join(' ')} end`);
  }
}

/**
 * Orders a summary query by a column (ascending unless `desc`), empty values last, ties newest first by id: the order
 * of a sorted list's pages, which go by offset.
 */
export function orderBySort(db: Queryable, qb: Knex.QueryBuilder, sort: ListSort, desc: boolean): Knex.QueryBuilder {
  const expr = sortExpression(db, sort);
  const sql = typeof expr === 'string' ? expr : expr.toQuery();
  return qb.orderByRaw(`case when ${sql} is null then 1 else 0 end, ${sql} ${desc ? 'desc' : 'asc'}, leads.id desc`);
}
