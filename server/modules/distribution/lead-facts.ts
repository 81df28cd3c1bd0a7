import type { Queryable } from '../../db/knex.js';
import { departmentCurrency } from '../leads/deal-amount.js';
import type { LeadRow } from '../leads/leads.repo.js';
import type { LeadFacts } from './decide.js';

/**
 * What the distribution decision reads of a lead (decide.ts). The amount the client named counts only in the
 * department's currency (its own, else `defaultCurrency`: DEFAULT_CURRENCY), the one the rules' bounds are in: an
 * amount in another currency is not converted, so it meets no amount condition. Reads the department's currency only
 * when the lead names an amount.
 */
export async function leadFactsOf(db: Queryable, lead: LeadRow, defaultCurrency: string): Promise<LeadFacts> {
  let amount: number | null = null;
  let currency: string | null = null;
  if (lead.requested_amount !== null && lead.requested_amount !== undefined) {
    const own = await departmentCurrency(db, Number(lead.department_id), defaultCurrency);
    if (lead.requested_currency === own) {
      amount = Number(lead.requested_amount);
      currency = own;
    }
  }
  return { siteId: lead.site_id === null ? null : Number(lead.site_id), service: lead.service, language: lead.language ?? null, amount, currency };
}
