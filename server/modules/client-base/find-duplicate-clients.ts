import type { DuplicateGroupDto, DuplicateReason } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import type { Queryable } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { foldText, splitWords } from '../clients/client-search-text.js';
import { scopeClients } from './client-base.policy.js';

/** Groups looked at per reason: the page is a worklist, cleaned a screen at a time. */
const GROUPS = 100;

/**
 * Probable duplicate clients the user may see (scopeClients), up to 100 groups per reason: phones with the same last
 * ten digits (a number saved once with a wrong country code), e-mails that differ only by a `+tag`, and clients of
 * one organization whose names have the same words (case, ё/е and word order aside). A group keeps only its visible
 * clients and is shown when two or more remain.
 */
export async function findDuplicateClients(deps: Deps, user: SessionUser): Promise<DuplicateGroupDto[]> {
  const { db } = deps;
  const candidates: { reason: DuplicateReason; key: string; ids: number[] }[] = [
    ...(await byPhone(db)),
    ...(await byEmail(db)),
    ...(await byName(db)),
  ];
  const all = [...new Set(candidates.flatMap((c) => c.ids))];
  if (all.length === 0) return [];
  const visible = await scopeClients(db, db('clients').leftJoin('users as owner', 'owner.id', 'clients.owner_id').whereIn('clients.id', all), user).select(
    'clients.id',
    'clients.full_name',
    'clients.organization',
    'owner.name as owner_name',
    db.raw('(select count(*) from leads l where l.client_id = clients.id) as leads_count'),
  );
  const [phones, emails] = await Promise.all([
    db('client_phones').whereIn('client_id', all).orderBy('id').select('client_id', 'phone') as Promise<{ client_id: number; phone: string }[]>,
    db('client_emails').whereIn('client_id', all).orderBy('id').select('client_id', 'email') as Promise<{ client_id: number; email: string }[]>,
  ]);
  const byId = new Map(
    (visible as { id: number; full_name: string | null; organization: string | null; owner_name: string | null; leads_count: unknown }[]).map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        fullName: r.full_name,
        organization: r.organization,
        phones: phones.filter((p) => Number(p.client_id) === Number(r.id)).map((p) => p.phone),
        emails: emails.filter((e) => Number(e.client_id) === Number(r.id)).map((e) => e.email),
        ownerName: r.owner_name,
        leadsCount: Number(r.leads_count),
      },
    ]),
  );
  return candidates.flatMap((c) => {
    const clients = c.ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return clients.length >= 2 ? [{ reason: c.reason, key: c.key, clients }] : [];
  });
}

/** Phones whose last ten digits several clients share. */
async function byPhone(db: Queryable): Promise<{ reason: DuplicateReason; key: string; ids: number[] }[]> {
  const keys: string[] = (await db('client_phones').groupByRaw('substr(phone, -10)').havingRaw('count(distinct client_id) > 1').limit(GROUPS).select(db.raw('substr(phone, -10) as k'))).map((r: { k: string }) => r.k);
  if (keys.length === 0) return [];
  const rows: { client_id: number; k: string }[] = await db('client_phones').whereRaw(`substr(phone, -10) in (${keys.map(() => '?').join(',')})`, keys).select('client_id', db.raw('substr(phone, -10) as k'));
  return keys.map((k) => ({ reason: 'phone' as const, key: k, ids: [...new Set(rows.filter((r) => r.k === k).map((r) => Number(r.client_id)))] }));
}

/** E-mails with a `+tag` whose plain address (or another tag of it) belongs to another client. */
async function byEmail(db: Queryable): Promise<{ reason: DuplicateReason; key: string; ids: number[] }[]> {
  const plain = (e: string) => e.replace(/\+[^@]*@/, '@');
  const tagged: { client_id: number; email: string }[] = await db('client_emails').where('email', 'like', '%+%@%').limit(GROUPS * 10).select('client_id', 'email');
  if (tagged.length === 0) return [];
  const bases = [...new Set(tagged.map((t) => plain(t.email)))];
  const owners: { client_id: number; email: string }[] = await db('client_emails').whereIn('email', bases).select('client_id', 'email');
  const groups = new Map<string, Set<number>>();
  for (const r of [...tagged, ...owners]) {
    const key = plain(r.email);
    groups.set(key, (groups.get(key) ?? new Set()).add(Number(r.client_id)));
  }
  return [...groups].filter(([, ids]) => ids.size > 1).slice(0, GROUPS).map(([key, ids]) => ({ reason: 'email' as const, key, ids: [...ids] }));
}

/** Clients of one organization (as written) whose names have the same words. */
async function byName(db: Queryable): Promise<{ reason: DuplicateReason; key: string; ids: number[] }[]> {
  const orgs: string[] = (await db('clients').whereNotNull('organization').whereNotNull('full_name').groupBy('organization').havingRaw('count(*) > 1').limit(GROUPS).select('organization')).map(
    (r: { organization: string }) => r.organization,
  );
  if (orgs.length === 0) return [];
  const rows: { id: number; full_name: string; organization: string }[] = await db('clients').whereIn('organization', orgs).whereNotNull('full_name').select('id', 'full_name', 'organization');
  const groups = new Map<string, { key: string; ids: number[] }>();
  for (const r of rows) {
    const words = splitWords(foldText(r.full_name)).sort().join(' ');
    if (!words) continue;
    const k = `${foldText(r.organization)}|${words}`;
    const g = groups.get(k) ?? { key: `${r.full_name} · ${r.organization}`, ids: [] };
    g.ids.push(Number(r.id));
    groups.set(k, g);
  }
  return [...groups.values()].filter((g) => g.ids.length > 1).map((g) => ({ reason: 'name' as const, ...g }));
}
