import type { ClientListItemDto, ClientListPageDto } from '../../api-types.js';
import { LEAD_STATUSES } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { fromDbTime } from '../../db/knex.js';
import { fieldError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';
import { normalizePhone } from '../../lib/phone.js';
import { parseSearchQuery } from '../clients/client-search-text.js';
import { clientIdsMatching } from '../clients/search-clients.js';
import { segmentFilter } from '../clients/client-segments.js';
import { scopeLeads } from '../leads/leads.policy.js';
import { scopeClients } from './client-base.policy.js';
import type { ListClientsQuery } from './client-base.schema.js';

/** The position after a page's last client: its id, opaque to the web app. */
function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify([id])).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && Number.isInteger(v[0]) && v[0] > 0) return v[0] as number;
  } catch {
    // fall through to the 400 below
  }
  throw fieldError('cursor', text('field.bad_cursor'));
}

interface ClientListRow {
  id: number;
  full_name: string | null;
  organization: string | null;
  owner_id: number | null;
  owner_name: string | null;
  orders_count: number | null;
  orders_amount: number | string | null;
}

interface LeadCountsRow {
  client_id: number;
  leads: number | string;
  open: number | string | null;
  last_at: unknown;
}

/**
 * The client list: the clients the user may see (scopeClients), matching `q` through the client search index
 * (`clientIdsMatching`, the same matches as the lead list and the export), `ownerId` (the client's own manager) and
 * the segments (`segment`, `abc`, `loyalty`: client-segments.ts),
 * newest first in keyset pages by id. The lead counts and the latest lead's time count only the leads the user may
 * see (leads.policy.ts); a page costs four queries whatever its size. Errors: 400 `cursor` for a cursor it did not give.
 */
export async function listClients(deps: Deps, user: SessionUser, f: ListClientsQuery): Promise<ClientListPageDto> {
  const { db, config } = deps;
  const afterId = f.cursor ? decodeCursor(f.cursor) : null;
  const clientIds = f.q ? await clientIdsMatching(db, parseSearchQuery(f.q, (p) => normalizePhone(p, config.defaultCountry))) : null;
  const segments = await segmentFilter(db, f, config.segments, new Date());
  const qb = scopeClients(db, db('clients').leftJoin('users as owner', 'owner.id', 'clients.owner_id'), user).select(
    'clients.id',
    'clients.full_name',
    'clients.organization',
    'clients.owner_id',
    'owner.name as owner_name',
    'clients.orders_count',
    'clients.orders_amount',
  );
  if (clientIds) void qb.whereIn('clients.id', clientIds.length ? clientIds : [0]);
  if (f.ownerId !== undefined) void qb.where('clients.owner_id', f.ownerId);
  segments?.(qb, 'clients.id');
  if (afterId !== null) void qb.where('clients.id', '<', afterId);
  const rows: ClientListRow[] = await qb.orderBy('clients.id', 'desc').limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const ids = page.map((r) => Number(r.id));
  if (ids.length === 0) return { items: [], nextCursor: null };

  const [phones, emails, counts] = await Promise.all([
    db('client_phones').whereIn('client_id', ids).orderBy('id').select('client_id', 'phone') as Promise<{ client_id: number; phone: string }[]>,
    db('client_emails').whereIn('client_id', ids).orderBy('id').select('client_id', 'email') as Promise<{ client_id: number; email: string }[]>,
    scopeLeads(db('leads').whereIn('leads.client_id', ids), user)
      .groupBy('leads.client_id')
      .select(
        'leads.client_id',
        db.raw('count(*) as leads'),
        db.raw(`sum(case when leads.status in (${LEAD_STATUSES.map(() => '?').join(',')}) then 1 else 0 end) as open`, [...LEAD_STATUSES]),
        db.raw('max(leads.created_at) as last_at'),
      ) as Promise<LeadCountsRow[]>,
  ]);
  const contacts = new Map<number, { phones: string[]; emails: string[] }>(ids.map((id) => [id, { phones: [], emails: [] }]));
  for (const p of phones) contacts.get(Number(p.client_id))?.phones.push(p.phone);
  for (const e of emails) contacts.get(Number(e.client_id))?.emails.push(e.email);
  const leadCounts = new Map(counts.map((c) => [Number(c.client_id), c]));

  const items = page.map((r): ClientListItemDto => {
    const c = leadCounts.get(Number(r.id));
    const own = contacts.get(Number(r.id)) ?? { phones: [], emails: [] };
    return {
      id: Number(r.id),
      fullName: r.full_name,
      organization: r.organization,
      phones: own.phones,
      emails: own.emails,
      ownerId: r.owner_id === null ? null : Number(r.owner_id),
      ownerName: r.owner_name,
      leadsCount: c ? Number(c.leads) : 0,
      openLeadsCount: c ? Number(c.open ?? 0) : 0,
      lastLeadAt: c ? fromDbTime(c.last_at) : null,
      ordersCount: r.orders_count === null ? null : Number(r.orders_count),
      ordersAmount: r.orders_amount === null ? null : Number(r.orders_amount),
    };
  });
  return { items, nextCursor: rows.length > f.limit ? encodeCursor(ids[ids.length - 1]) : null };
}
