import type { ClientDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime, type Queryable } from '../../db/knex.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';
import { clientSearchDocument } from '../clients/client-search-text.js';
import { reindexClient, writeClientSearch } from '../clients/client-search.repo.js';
import { loadClient, type ClientRow } from '../clients/clients.repo.js';
import { recordHistory } from '../leads/lead-history.js';
import { emitLeadsUpdated } from '../leads/leads.events.js';
import { clientVisibleTo, mayMergeClient } from './client-base.policy.js';

type MergedRow = ClientRow & { owner_id: number | null; external_id: string | null; orders_count: number | null; orders_amount: number | string | null };

/** How a client is named in the merge's history rows: `#12 Anna Kovaleva`. */
const named = (c: MergedRow) => `#${c.id} ${c.full_name ?? c.organization ?? ''}`.trim();
const dayOf = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v).slice(0, 10));
const sumOrNull = (a: unknown, b: unknown) => (a === null && b === null ? null : Number(a ?? 0) + Number(b ?? 0));

/**
 * Merges client `otherId` into client `keptId` (POST /api/clients/:id/merge): every lead and call of the other client
 * moves over — with its comments, files, reminders and history, which belong to the leads — phones and e-mails are
 * united, the kept client's empty details are filled from the other's (order history added up, first and last order
 * the earlier and later), the other client is removed and the kept one's search index rows rewritten
 * (reindexClient). Every lead of both gets a history row `client / merged` by the user, from the other client to the
 * kept one. Errors: 400 the same client; 404 no such client; 403 a client the user may not see or not merge
 * (mayMergeClient: a manager only their own clients). Live `lead:updated` for every lead after commit.
 */
export async function mergeClients(deps: Deps, user: SessionUser, keptId: number, otherId: number): Promise<ClientDto> {
  const { db } = deps;
  if (keptId === otherId) throw new ValidationError(text('validation.failed'), { otherClientId: text('field.merge_same_client') });
  for (const id of [keptId, otherId]) if (!(await db('clients').where('id', id).first('id'))) throw new NotFoundError('client');
  for (const id of [keptId, otherId]) {
    if (!(await clientVisibleTo(deps, user, id)) || !(await mayMergeClient(db, user, id))) throw new ForbiddenError(text('error.merge_not_yours'));
  }
  const leadIds = await db.transaction(async (tx) => {
    const [kept, other] = await Promise.all([clientRow(tx, keptId), clientRow(tx, otherId)]);
    if (!kept || !other) throw new NotFoundError('client');
    const now = toDbTime();
    await tx('leads').where('client_id', otherId).update({ client_id: keptId });
    await tx('calls').where('client_id', otherId).update({ client_id: keptId });
    await tx('client_phones').where('client_id', otherId).update({ client_id: keptId });
    await tx('client_emails').where('client_id', otherId).update({ client_id: keptId });
    await moveKeepInTouchClaims(tx, otherId, keptId);
    // The other client's external ID is unique in its department: freed before the kept client may take it.
    await tx('clients').where('id', otherId).update({ external_id: null });
    await tx('clients').where('id', keptId).update({ ...filledFrom(kept, other), version: tx.raw('version + 1'), updated_at: now });
    await writeClientSearch(tx, otherId, clientSearchDocument({ fullName: null, organization: null, address: null, phones: [], emails: [] }));
    await tx('clients').where('id', otherId).delete();
    await reindexClient(tx, keptId);
    const ids = (await tx('leads').where('client_id', keptId).pluck('id')).map(Number);
    await recordHistory(
      tx,
      ids.map((leadId) => ({ leadId, actorId: user.id, action: 'client' as const, field: 'merged', oldValue: named(other), newValue: named(kept) })),
      now,
    );
    return ids;
  });
  await emitLeadsUpdated(deps, leadIds);
  return (await loadClient(db, keptId))!;
}

async function clientRow(q: Queryable, id: number): Promise<MergedRow | undefined> {
  return q('clients').where('id', id).first<MergedRow | undefined>();
}

/** The kept client's columns after the merge: its own values, the other's where it has none, order history joined. */
function filledFrom(kept: MergedRow, other: MergedRow): Record<string, unknown> {
  const fill = <K extends keyof MergedRow>(k: K) => kept[k] ?? other[k];
  const firsts = [dayOf(kept.first_order_at), dayOf(other.first_order_at)].filter((d): d is string => d !== null).sort();
  const lasts = [dayOf(kept.last_order_at), dayOf(other.last_order_at)].filter((d): d is string => d !== null).sort();
  const needs = [kept.needs, other.needs].filter((n): n is string => !!n);
  return {
    full_name: fill('full_name'),
    organization: fill('organization'),
    address: fill('address'),
    birthday: fill('birthday'),
    tag: fill('tag'),
    owner_id: fill('owner_id'),
    external_id: fill('external_id'),
    needs: needs.length ? needs.join('\n\n') : null,
    first_order_at: firsts[0] ?? null,
    last_order_at: lasts[lasts.length - 1] ?? null,
    orders_count: sumOrNull(kept.orders_count, other.orders_count),
    orders_amount: sumOrNull(kept.orders_amount, other.orders_amount),
  };
}

/** Keep-in-touch claims follow the client; one the kept client already has for the same occasion is enough. */
async function moveKeepInTouchClaims(q: Queryable, fromId: number, toId: number): Promise<void> {
  const keptClaims = await q('keep_in_touch_reminders').where('client_id', toId).select('kind', 'on_day');
  for (const c of keptClaims as { kind: string; on_day: unknown }[]) {
    await q('keep_in_touch_reminders').where({ client_id: fromId, kind: c.kind, on_day: dayOf(c.on_day) }).delete();
  }
  await q('keep_in_touch_reminders').where('client_id', fromId).update({ client_id: toId });
}
