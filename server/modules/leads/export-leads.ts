import type { Locale } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { fromDbTime } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { label, translate } from '../../i18n/translate.js';
import type { TableColumn } from '../../lib/table-export.js';
import { afterLeadPosition, filteredLeads, newestFirst, storedCreatedAt, type LeadFilters } from './list-leads.js';
import type { LeadSummaryRow } from './leads.repo.js';

/** Rows read from the database per keyset page of an export: memory stays flat however long the list is. */
export const EXPORT_PAGE_ROWS = 500;

/** A stored UTC moment as `YYYY-MM-DD HH:MM` (UTC), or nothing. */
export function exportMoment(v: unknown): string | null {
  const iso = fromDbTime(v);
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : null;
}

/**
 * Every lead of the filtered list (filteredLeads: the list's filters and visibility), newest first, read in keyset
 * pages of `pageRows` (one query each), so a 100k-lead export never holds more than one page.
 */
export async function* exportedLeads(deps: Deps, user: SessionUser, f: LeadFilters, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<LeadSummaryRow> {
  let after: [string, number] | null = null;
  const filtered = await filteredLeads(deps, user, f);
  for (;;) {
    const qb = filtered();
    if (after) afterLeadPosition(qb, after[0], after[1]);
    const rows: LeadSummaryRow[] = await newestFirst(qb).limit(pageRows);
    yield* rows;
    if (rows.length < pageRows) return;
    const last = rows[rows.length - 1];
    after = [storedCreatedAt(last), Number(last.id)];
  }
}

/** The columns of a lead export, headers in the reader's language (catalogue `export.lead.*`). */
export function leadExportColumns(locale: Locale): TableColumn<LeadSummaryRow>[] {
  const t = (key: string) => translate(locale, key);
  return [
    { header: t('export.lead.id'), value: (r) => Number(r.id) },
    { header: t('export.lead.created_at'), value: (r) => exportMoment(r.created_at) },
    { header: t('export.lead.status'), value: (r) => label(locale, `status.${r.status}`) },
    { header: t('export.lead.source'), value: (r) => label(locale, `source.${r.source}`) },
    { header: t('export.lead.client'), value: (r) => r.client_full_name },
    { header: t('export.lead.organization'), value: (r) => r.client_organization },
    { header: t('export.lead.phone'), value: (r) => r.client_phone },
    { header: t('export.lead.email'), value: (r) => r.client_email },
    { header: t('export.lead.service'), value: (r) => r.service },
    { header: t('export.lead.message'), value: (r) => r.message },
    { header: t('export.lead.owner'), value: (r) => r.owner_name },
    { header: t('export.lead.flagged'), value: (r) => (r.flagged ? t('export.lead.yes') : null) },
    { header: t('export.lead.colour'), value: (r) => (r.colour ? label(locale, `colour.${r.colour}`) : null) },
    { header: t('export.lead.amount'), value: (r) => (r.amount === null ? null : Number(r.amount)) },
    { header: t('export.lead.currency'), value: (r) => (r.amount === null ? null : r.currency) },
    { header: t('export.lead.first_contact_at'), value: (r) => exportMoment(r.first_contact_at) },
    { header: t('export.lead.closed_at'), value: (r) => exportMoment(r.closed_at) },
  ];
}
