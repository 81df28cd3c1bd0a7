import type { Queryable } from '../../db/knex.js';
import { ValidationError } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { HistoryChange } from './lead-history.js';
import type { LeadRow } from './leads.repo.js';
import { pipelineStep } from './pipeline-step.js';

/** The pipeline step from which a lead has a deal amount: its contract is signed (the reports' "won" counts the same). */
export const CONTRACT_SIGNED_STEP = pipelineStep('contract_signed')!;

/** How a deal is kept in a history row: `150000.00 RUB`, or null for none. */
export function dealText(amount: unknown, currency: unknown): string | null {
  if (amount === null || amount === undefined) return null;
  return `${Number(amount).toFixed(2)} ${String(currency ?? '')}`.trim();
}

/** A department's currency (ISO 4217): its own, else `defaultCurrency` (DEFAULT_CURRENCY). */
export async function departmentCurrency(db: Queryable, departmentId: number, defaultCurrency: string): Promise<string> {
  const row = await db('departments').where('id', departmentId).first<{ currency: string | null } | undefined>('currency');
  return row?.currency ?? defaultCurrency;
}

/**
 * The columns and history row of a change to a lead's deal (`amount` in main units or null to clear it, `currency`
 * ISO 4217), made when the lead will have reached `furthestStep` (pipeline-step.ts). A new amount without a currency
 * keeps the lead's, else takes its department's, else `defaultCurrency` (DEFAULT_CURRENCY).
 * Throws ValidationError (400, field `amount` or `currency`) before the contract is signed, or for a currency with no amount.
 */
export async function dealChange(
  tx: Queryable,
  row: LeadRow,
  change: { amount?: number | null; currency?: string },
  furthestStep: number,
  defaultCurrency: string,
  actorId: number,
): Promise<{ update: Record<string, unknown>; history: HistoryChange[] }> {
  if (change.amount === undefined && change.currency === undefined) return { update: {}, history: [] };
  const amount = change.amount === undefined ? (row.amount === null ? null : Number(row.amount)) : change.amount;
  if (amount !== null && furthestStep < CONTRACT_SIGNED_STEP) throw new ValidationError(text('validation.failed'), { amount: text('field.amount_before_contract') });
  if (amount === null && change.currency !== undefined) throw new ValidationError(text('validation.failed'), { currency: text('field.currency_without_amount') });
  const currency = amount === null ? null : (change.currency ?? row.currency ?? (await departmentCurrency(tx, Number(row.department_id), defaultCurrency)));
  const before = dealText(row.amount, row.currency);
  const after = dealText(amount, currency);
  if (before === after) return { update: {}, history: [] };
  return {
    update: { amount, currency },
    history: [{ leadId: Number(row.id), actorId, action: 'field', field: 'amount', oldValue: before, newValue: after }],
  };
}
