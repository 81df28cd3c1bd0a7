import type { ClientCardDto, ClientTotalsDto } from '../../api-types.js';
import { LEAD_STATUSES } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { scopeCalls } from '../calls/calls.policy.js';
import { callsForClient } from '../calls/calls.queries.js';
import { loadClient } from '../clients/clients.repo.js';
import { segmentsOfClient } from '../clients/client-segments.js';
import { scopeLeads } from '../leads/leads.policy.js';
import { leadFor, toLeadSummary } from '../leads/leads.presenter.js';
import { newestFirst } from '../leads/list-leads.js';
import { summaryQuery, type LeadSummaryRow } from '../leads/leads.repo.js';
import { WON_STEP } from '../stats/stats.repo.js';
import { clientVisibleTo } from './client-base.policy.js';

/** At most this many leads on one card (newest first); the totals count them all. */
const CARD_LEADS = 500;

/**
 * The client card (GET /api/clients/:id): the client with their manager and order history, the leads of the client
 * the user may see (leads.policy.ts) newest first, the client's calls the user may see (calls.policy.ts, as on the
 * lead card), and totals over the same leads and calls: leads, open (still in the pipeline), won (reached
 * `contract_signed`, as the reports count), calls and talk time in seconds. Errors: 404 `client` when there is no
 * such client or the user may not see it.
 */
export async function getClientCard(deps: Deps, user: SessionUser, clientId: number): Promise<ClientCardDto> {
  const { db } = deps;
  if (!(await clientVisibleTo(deps, user, clientId))) throw new NotFoundError('client');
  const [client, own, leadRows, leadTotals, callTotals, calls, segments] = await Promise.all([
    loadClient(db, clientId),
    db('clients').leftJoin('users as owner', 'owner.id', 'clients.owner_id').where('clients.id', clientId).first<{ owner_id: number | null; owner_name: string | null; orders_count: number | null; orders_amount: number | string | null }>('clients.owner_id', 'owner.name as owner_name', 'clients.orders_count', 'clients.orders_amount'),
    newestFirst(scopeLeads(summaryQuery(db), user).where('leads.client_id', clientId)).limit(CARD_LEADS) as Promise<LeadSummaryRow[]>,
    scopeLeads(db('leads').where('leads.client_id', clientId), user)
      .first<{ leads: number | string; open: number | string | null; won: number | string | null }>(
        db.raw('count(*) as leads'),
        db.raw(`sum(case when leads.status in (${LEAD_STATUSES.map(() => '?').join(',')}) then 1 else 0 end) as open`, [...LEAD_STATUSES]),
        db.raw('sum(case when leads.furthest_step >= ? then 1 else 0 end) as won', [WON_STEP]),
      ),
    scopeCalls(db('calls').leftJoin('leads', 'leads.id', 'calls.lead_id').where('calls.client_id', clientId), user).first<{ calls: number | string; talk: number | string | null }>(
      db.raw('count(*) as calls'),
      db.raw('sum(calls.talk_seconds) as talk'),
    ),
    callsForClient(db, clientId, user),
    segmentsOfClient(db, clientId, deps.config.segments),
  ]);
  if (!client || !own) throw new NotFoundError('client');
  const totals: ClientTotalsDto = {
    leads: Number(leadTotals?.leads ?? 0),
    open: Number(leadTotals?.open ?? 0),
    won: Number(leadTotals?.won ?? 0),
    calls: Number(callTotals?.calls ?? 0),
    talkSeconds: Number(callTotals?.talk ?? 0),
  };
  return {
    client: {
      ...client,
      ownerId: own.owner_id === null ? null : Number(own.owner_id),
      ownerName: own.owner_name,
      ordersCount: own.orders_count === null ? null : Number(own.orders_count),
      ordersAmount: own.orders_amount === null ? null : Number(own.orders_amount),
    },
    leads: leadRows.map((r) => leadFor(user, toLeadSummary(r))),
    calls,
    totals,
    segments,
  };
}
