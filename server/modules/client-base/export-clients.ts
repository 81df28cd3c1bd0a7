import type { Locale } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import type { SessionUser } from '../../http/session-user.js';
import { translate } from '../../i18n/translate.js';
import type { TableColumn } from '../../lib/table-export.js';
import { exportMoment } from '../leads/export-leads.js';
import { normalizePhone } from '../../lib/phone.js';
import { parseSearchQuery } from '../clients/client-search-text.js';
import { clientIdsMatching } from '../clients/search-clients.js';
import { segmentFilter } from '../clients/client-segments.js';
import { scopeClients } from './client-base.policy.js';
import type { ClientExportQuery } from './client-base.schema.js';

/** Rows read per keyset page of a client export. */
const PAGE_ROWS = 500;

/** A client as its export line shows it: the row, its manager's name, every phone and e-mail. */
export interface ExportedClient {
  id: number;
  external_id: string | null;
  full_name: string | null;
  organization: string | null;
  address: string | null;
  birthday: unknown;
  first_order_at: unknown;
  last_order_at: unknown;
  orders_count: number | null;
  orders_amount: number | string | null;
  needs: string | null;
  owner_name: string | null;
  created_at: unknown;
  phones: string[];
  emails: string[];
}

const day = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/**
 * Every client the user may see (scopeClients) matching the filters (`q`: what the search index finds for it,
 * as the lead list's search does; `ownerId`: the client's own manager), newest first, in keyset pages by id with each page's
 * contacts in one query more.
 */
export async function* exportedClients(deps: Deps, user: SessionUser, f: Omit<ClientExportQuery, 'format'>): AsyncGenerator<ExportedClient> {
  const { db, config } = deps;
  const clientIds = f.q ? await clientIdsMatching(db, parseSearchQuery(f.q, (p) => normalizePhone(p, config.defaultCountry))) : null;
  const segments = await segmentFilter(db, f, config.segments, new Date());
  let afterId: number | null = null;
  for (;;) {
    const qb = scopeClients(db, db('clients').leftJoin('users as owner', 'owner.id', 'clients.owner_id'), user).select('clients.*', 'owner.name as owner_name');
    if (clientIds) void qb.whereIn('clients.id', clientIds.length ? clientIds : [0]);
    if (f.ownerId !== undefined) void qb.where('clients.owner_id', f.ownerId);
    segments?.(qb, 'clients.id');
    if (afterId !== null) void qb.where('clients.id', '<', afterId);
    const rows: Omit<ExportedClient, 'phones' | 'emails'>[] = await qb.orderBy('clients.id', 'desc').limit(PAGE_ROWS);
    if (rows.length === 0) return;
    const ids = rows.map((r) => Number(r.id));
    const [phones, emails] = await Promise.all([
      db('client_phones').whereIn('client_id', ids).orderBy('id').select('client_id', 'phone') as Promise<{ client_id: number; phone: string }[]>,
      db('client_emails').whereIn('client_id', ids).orderBy('id').select('client_id', 'email') as Promise<{ client_id: number; email: string }[]>,
    ]);
    const contacts = new Map<number, { phones: string[]; emails: string[] }>(ids.map((id) => [id, { phones: [], emails: [] }]));
    for (const p of phones) contacts.get(Number(p.client_id))?.phones.push(p.phone);
    for (const e of emails) contacts.get(Number(e.client_id))?.emails.push(e.email);
    for (const r of rows) yield { ...r, ...(contacts.get(Number(r.id)) ?? { phones: [], emails: [] }) };
    if (rows.length < PAGE_ROWS) return;
    afterId = Number(rows[rows.length - 1].id);
  }
}

/** The columns of a client export, headers in the reader's language (catalogue `export.client.*`). */
export function clientExportColumns(locale: Locale): TableColumn<ExportedClient>[] {
  const t = (key: string) => translate(locale, key);
  return [
    { header: t('export.client.id'), value: (r) => Number(r.id) },
    { header: t('export.client.external_id'), value: (r) => r.external_id },
    { header: t('export.client.full_name'), value: (r) => r.full_name },
    { header: t('export.client.organization'), value: (r) => r.organization },
    { header: t('export.client.phones'), value: (r) => r.phones.join(', ') || null },
    { header: t('export.client.emails'), value: (r) => r.emails.join(', ') || null },
    { header: t('export.client.address'), value: (r) => r.address },
    { header: t('export.client.birthday'), value: (r) => day(r.birthday) },
    { header: t('export.client.first_order_at'), value: (r) => day(r.first_order_at) },
    { header: t('export.client.last_order_at'), value: (r) => day(r.last_order_at) },
    { header: t('export.client.orders_count'), value: (r) => (r.orders_count === null ? null : Number(r.orders_count)) },
    { header: t('export.client.orders_amount'), value: (r) => (r.orders_amount === null ? null : Number(r.orders_amount)) },
    { header: t('export.client.owner'), value: (r) => r.owner_name },
    { header: t('export.client.needs'), value: (r) => r.needs },
    { header: t('export.client.created_at'), value: (r) => exportMoment(r.created_at) },
  ];
}
