import type { IntakeResultDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { createLead } from '../leads/create-lead.js';
import { settledRequested } from '../leads/request-terms.js';
import { isAutoDistribution } from '../departments/distribution-settings.js';
import { distributeLead } from '../distribution/distribute-lead.js';
import { scheduleInstantCallback } from '../callback/schedule-instant-callback.js';
import type { IntakeInput } from './intake.schema.js';
import type { IntakeSite } from '../sites/site-keys.js';

/**
 * A website's request becomes a lead of the site's department: committed (with its idempotency key) before the
 * answer, then announced live. A replayed Idempotency-Key gets the first answer again and creates nothing; the
 * answer is `{leadId}` alone. In a department with automatic distribution the new lead finds its manager (distribution
 * module) before the answer, so the 201 means "on a manager's screen" (or in the curators' inbox, with the reasons); with
 * instant callback on, that manager's phone is rung right after (callback module). A form without a language gives
 * the lead its site's (the language of the pages its visitors see), if the site names one; an amount without a
 * currency is in the department's currency, else DEFAULT_CURRENCY.
 */
export async function receiveSiteLead(
  deps: Deps,
  site: IntakeSite,
  input: IntakeInput,
  idempotencyKey: string | undefined,
): Promise<{ status: 200 | 201; body: IntakeResultDto }> {
  const requested = await settledRequested(deps.db, input.requested, site.departmentId, deps.config.defaultCurrency);
  const outcome = await createLead(
    deps,
    {
      departmentId: site.departmentId,
      siteId: site.id,
      source: 'site',
      createdBy: null,
      client: input.client,
      service: input.service,
      message: input.message,
      pageUrl: input.pageUrl,
      utm: input.utm,
      otherFields: input.otherFields,
      language: input.language ?? site.locale,
      requested,
      collapseSamePost: true,
    },
    idempotencyKey ? { siteId: site.id, key: idempotencyKey } : undefined,
  );
  if (outcome.kind === 'created' && (await isAutoDistribution(deps.db, site.departmentId))) {
    const decision = await distributeLead(deps, outcome.result.leadId, site.departmentId);
    // Instant callback: the manager's phone rings while the answer goes out (not awaited: the site is not kept waiting).
    if (decision?.userId) void scheduleInstantCallback(deps, outcome.result.leadId, 'distribution').catch((err: unknown) => deps.log.error({ err }, 'instant callback failed'));
  }
  // The lead's id only: whether the phone is a known client is not for anyone who can read a site's key.
  if (outcome.kind === 'replayed') return { status: 200, body: { leadId: (JSON.parse(outcome.response) as IntakeResultDto).leadId } };
  return { status: 201, body: { leadId: outcome.result.leadId } };
}
