import { z } from 'zod';
import { firstOf, keptText } from '../../lib/form-fields.js';
import { isCurrencyCode, isMoneyAmount, moneyOfText } from '../../lib/currency.js';
import { isLanguageCode, primaryLanguage } from '../../lib/language-code.js';
import type { Queryable } from '../../db/knex.js';
import { departmentCurrency } from './deal-amount.js';

/**
 * What a request for a lead says beyond its words, from a website's form or typed in by staff: `language` (ISO 639-1;
 * `ru-RU` → `ru`), `amount` the client named (a JSON number, or text as people type it: `150 000,50`) and its
 * `currency` (ISO 4217; read only with an amount).
 */
export const RequestTermsSchema = z.object({
  language: z.string().transform(primaryLanguage).refine(isLanguageCode, 'field.language').optional(),
  amount: z
    .union([z.number(), z.string()], { error: 'field.amount' })
    .transform((v) => (typeof v === 'number' ? v : moneyOfText(v)))
    .refine(isMoneyAmount, 'field.amount')
    .optional(),
  currency: z.string().transform((c) => c.trim().toUpperCase()).refine(isCurrencyCode, 'field.currency').optional(),
});

/** The terms as a lead keeps them: the currency null when the request gave none (the department's, set by the caller). */
export interface RequestTerms {
  language: string | null;
  requested: { amount: number; currency: string | null } | null;
}

/**
 * The terms' raw fields of a request, to check with RequestTermsSchema: an empty language or amount field is none
 * (and a currency select beside an empty amount says nothing); anything else is passed on to be checked.
 */
export function rawTermsOf(raw: Record<string, unknown>): Record<string, unknown> {
  const terms: Record<string, unknown> = {};
  const language = keptText(raw.language, 35);
  if (language !== undefined) terms.language = language;
  const amount = firstOf(raw.amount);
  if (amount !== undefined && amount !== null && !(typeof amount === 'string' && amount.trim() === '')) {
    terms.amount = amount;
    const currency = keptText(raw.currency, 10);
    if (currency !== undefined) terms.currency = currency;
  }
  return terms;
}

/**
 * The amount the client named with its currency settled: as the request gave it, else the department's (its own, else
 * `defaultCurrency`). Null when the request named no amount.
 */
export async function settledRequested(
  db: Queryable,
  requested: RequestTerms['requested'],
  departmentId: number,
  defaultCurrency: string,
): Promise<{ amount: number; currency: string } | null> {
  if (!requested) return null;
  return { amount: requested.amount, currency: requested.currency ?? (await departmentCurrency(db, departmentId, defaultCurrency)) };
}

/** The checked fields as RequestTerms. */
export function requestTermsOf(f: z.infer<typeof RequestTermsSchema>): RequestTerms {
  return { language: f.language ?? null, requested: f.amount === undefined ? null : { amount: f.amount, currency: f.currency ?? null } };
}
