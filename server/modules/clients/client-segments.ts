import type { Knex } from 'knex';
import { z } from 'zod';
import { ABC_CLASSES, CLIENT_TAGS, LOYALTY_STAGES, type AbcClass, type ClientSegmentsDto, type ClientTag, type LoyaltyStage } from '../../api-types.js';
import { toDbTime, type Queryable } from '../../db/knex.js';

/**
 * A client's orders are their won leads (`leads.won_at`: the lead reached a signed contract; worth its `amount`) and
 * the history an import brought (`clients.orders_count`, `orders_amount`, `first_order_at`, `last_order_at`). The
 * loyalty stage counts both; ABC counts a period's revenue by the client's department. Amounts are added as numbers
 * whatever their currency (a department works in one).
 */
export interface SegmentSettings {
  /** Class A: the clients bringing the top this-many percent of revenue (75). */
  abcAPercent: number;
  /** Class B: the next this-many percent (20); C the rest. */
  abcBPercent: number;
  /** A client of three or more orders with none for this many days has lapsed (365). */
  lapsedAfterDays: number;
}

/** A period of whole UTC days, both ends included, `YYYY-MM-DD`. */
export interface DayPeriod {
  from: string;
  to: string;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'field.real_date');

/** The segment filters of the client list and the lead list (and their exports): `segment` is the manual tag. */
export const SegmentQueryFields = {
  segment: z.enum(CLIENT_TAGS, { error: 'field.unknown_segment' }).optional(),
  abc: z.enum(ABC_CLASSES, { error: 'field.unknown_abc' }).optional(),
  loyalty: z.enum(LOYALTY_STAGES, { error: 'field.unknown_loyalty' }).optional(),
  /** The ABC period (default: the 365 days up to today). */
  abcFrom: day.optional(),
  abcTo: day.optional(),
};
export interface SegmentQuery {
  segment?: ClientTag;
  abc?: AbcClass;
  loyalty?: LoyaltyStage;
  abcFrom?: string;
  abcTo?: string;
}

const DAY_MS = 86_400_000;

/** The ABC period asked for, else the 365 days up to `now`'s UTC day. */
export function abcPeriod(q: Pick<SegmentQuery, 'abcFrom' | 'abcTo'>, now: Date): DayPeriod {
  const to = q.abcTo ?? now.toISOString().slice(0, 10);
  const from = q.abcFrom ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/** SQL over a `clients` row: its orders, imported (a count, else 1 when it has an order date) plus won leads. */
function ordersSql(db: Queryable): Knex.Raw {
  return db.raw(
    '(coalesce(clients.orders_count, case when clients.first_order_at is not null or clients.last_order_at is not null then 1 else 0 end)' +
      ' + (select count(*) from leads wl where wl.client_id = clients.id and wl.won_at is not null))',
  );
}

/** SQL over a `clients` row: its loyalty stage (LOYALTY_STAGES) at `now`. */
export function loyaltySql(db: Queryable, settings: SegmentSettings, now: Date): Knex.Raw {
  const cutoff = new Date(now.getTime() - settings.lapsedAfterDays * DAY_MS);
  const orders = ordersSql(db).toQuery();
  return db.raw(
    `(case when ${orders} = 0 then 'requested' when ${orders} = 1 then 'bought_once' when ${orders} = 2 then 'bought_twice'` +
      ` when clients.last_order_at >= ? or exists (select 1 from leads wl where wl.client_id = clients.id and wl.won_at >= ?) then 'loyal' else 'lapsed' end)`,
    [cutoff.toISOString().slice(0, 10), toDbTime(cutoff)],
  );
}

/**
 * ABC classes of clients by revenue (any unit, e.g. cents): sorted by revenue (largest first, ties by id), a client
 * is A while the revenue before it is under `aPercent` of the total, B while under `aPercent + bPercent`, else C —
 * so the largest client is always A. Clients with no revenue get no class.
 */
export function abcOf(revenues: { id: number; revenue: number }[], aPercent: number, bPercent: number): Map<number, AbcClass> {
  const paying = revenues.filter((r) => r.revenue > 0).sort((x, y) => y.revenue - x.revenue || x.id - y.id);
  const total = paying.reduce((s, r) => s + r.revenue, 0);
  const classes = new Map<number, AbcClass>();
  let before = 0;
  for (const r of paying) {
    classes.set(r.id, before * 100 < aPercent * total ? 'A' : before * 100 < (aPercent + bPercent) * total ? 'B' : 'C');
    before += r.revenue;
  }
  return classes;
}

const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);

/**
 * The ABC class of every client with revenue in the period, each department's clients classed among themselves:
 * won leads signed in the period (their amounts), plus an import's order total when its last order date is in it
 * (an import brings totals, not orders). Two queries over the period's won leads and the imported clients.
 */
export async function abcClasses(db: Queryable, period: DayPeriod, settings: SegmentSettings, departmentIds?: number[]): Promise<Map<number, AbcClass>> {
  const end = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY_MS);
  const won = db('leads')
    .join('clients', 'clients.id', 'leads.client_id')
    .where('leads.won_at', '>=', toDbTime(new Date(`${period.from}T00:00:00Z`)))
    .where('leads.won_at', '<', toDbTime(end))
    .groupBy('leads.client_id', 'clients.department_id')
    .select('leads.client_id as id', 'clients.department_id', db.raw('sum(coalesce(leads.amount, 0)) as revenue'));
  const imported = db('clients')
    .where('clients.last_order_at', '>=', period.from)
    .where('clients.last_order_at', '<=', period.to)
    .where('clients.orders_amount', '>', 0)
    .select('clients.id', 'clients.department_id', 'clients.orders_amount as revenue');
  if (departmentIds) {
    void won.whereIn('clients.department_id', departmentIds);
    void imported.whereIn('clients.department_id', departmentIds);
  }
  const rows = [...((await won) as { id: number; department_id: number | null; revenue: unknown }[]), ...((await imported) as { id: number; department_id: number | null; revenue: unknown }[])];
  const byDepartment = new Map<number, Map<number, number>>();
  for (const r of rows) {
    const dept = r.department_id === null ? 0 : Number(r.department_id);
    const clients = byDepartment.get(dept) ?? new Map<number, number>();
    byDepartment.set(dept, clients);
    clients.set(Number(r.id), (clients.get(Number(r.id)) ?? 0) + cents(r.revenue));
  }
  const classes = new Map<number, AbcClass>();
  for (const clients of byDepartment.values()) {
    for (const [id, c] of abcOf([...clients].map(([id, revenue]) => ({ id, revenue })), settings.abcAPercent, settings.abcBPercent)) classes.set(id, c);
  }
  return classes;
}

/**
 * The segment filters as a condition on a query's client id column (`clients.id`, `leads.client_id`), or null when
 * none is asked. ABC is computed first (abcClasses over every department); tag and loyalty are subqueries.
 */
export async function segmentFilter(db: Queryable, q: SegmentQuery, settings: SegmentSettings, now: Date): Promise<((qb: Knex.QueryBuilder, clientId: string) => void) | null> {
  if (!q.segment && !q.abc && !q.loyalty) return null;
  let abcIds: number[] | null = null;
  if (q.abc) {
    const classes = await abcClasses(db, abcPeriod(q, now), settings);
    abcIds = [...classes].filter(([, c]) => c === q.abc).map(([id]) => id);
  }
  return (qb, clientId) => {
    if (q.segment) void qb.whereIn(clientId, db('clients').select('clients.id').where('clients.tag', q.segment));
    if (q.loyalty) void qb.whereIn(clientId, db('clients').select('clients.id').whereRaw(`${loyaltySql(db, settings, now).toQuery()} = ?`, [q.loyalty]));
    if (abcIds) void qb.whereIn(clientId, abcIds.length ? abcIds : [0]);
  };
}

/** The segments of these clients (ClientSegmentsDto), the ABC class over the period among their departments' clients. */
export async function clientSegments(db: Queryable, clientIds: number[], period: DayPeriod, settings: SegmentSettings, now: Date): Promise<Map<number, ClientSegmentsDto>> {
  if (clientIds.length === 0) return new Map();
  const rows: { id: number; department_id: number | null; tag: string | null; loyalty: string; orders: unknown; revenue: unknown }[] = await db('clients')
    .whereIn('clients.id', clientIds)
    .select(
      'clients.id',
      'clients.department_id',
      'clients.tag',
      db.raw(`${loyaltySql(db, settings, now).toQuery()} as loyalty`),
      db.raw(`${ordersSql(db).toQuery()} as orders`),
      db.raw('(coalesce(clients.orders_amount, 0) + coalesce((select sum(wl.amount) from leads wl where wl.client_id = clients.id and wl.won_at is not null), 0)) as revenue'),
    );
  const departments = [...new Set(rows.flatMap((r) => (r.department_id === null ? [] : [Number(r.department_id)])))];
  const abc = departments.length ? await abcClasses(db, period, settings, departments) : new Map<number, AbcClass>();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { tag: (r.tag as ClientTag | null) ?? null, loyalty: r.loyalty as LoyaltyStage, abc: abc.get(Number(r.id)) ?? null, orders: Number(r.orders), revenue: cents(r.revenue) / 100 },
    ]),
  );
}

/** One client's segments now, ABC over the default period (the card's badges). */
export async function segmentsOfClient(db: Queryable, clientId: number, settings: SegmentSettings, now: Date = new Date()): Promise<ClientSegmentsDto> {
  const found = (await clientSegments(db, [clientId], abcPeriod({}, now), settings, now)).get(clientId);
  return found ?? { tag: null, loyalty: 'requested', abc: null, orders: 0, revenue: 0 };
}
