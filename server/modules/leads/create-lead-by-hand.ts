import type { CreatedLeadDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { fieldError, ForbiddenError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { createLead } from './create-lead.js';
import { settledRequested } from './request-terms.js';
import { isActiveManagerOf } from './leads.repo.js';
import { leadFor } from './leads.presenter.js';
import type { LeadByHand } from './leads.schema.js';
import { text } from '../../i18n/text.js';

/**
 * A lead typed in by staff (a client who phoned, met at a fair). A manager's own lead is theirs from the start
 * (an assistant's goes to the manager they assist); a curator or director may pick a manager straight away,
 * otherwise a returning client goes to their manager as with site leads.
 */
export async function createLeadByHand(
  deps: Deps,
  user: SessionUser,
  input: LeadByHand,
  target: { departmentId?: number; managerId?: number },
): Promise<CreatedLeadDto> {
  const { db } = deps;
  let departmentId: number | null;
  let ownerId: number | null | undefined;
  switch (user.role) {
    case 'director':
      departmentId = target.departmentId ?? null;
      if (departmentId === null) throw fieldError('departmentId', text('field.choose_department'));
      if (!(await db('departments').where('id', departmentId).first('id'))) throw fieldError('departmentId', text('field.no_such_department'));
      break;
    case 'curator':
      departmentId = user.departmentId;
      if (target.departmentId !== undefined && target.departmentId !== departmentId) throw new ForbiddenError(text('error.curator_leads_own'));
      break;
    case 'manager':
      departmentId = user.departmentId;
      ownerId = user.id;
      break;
    case 'assistant': {
      const manager = user.assistsUserId === null ? undefined : await db('users').where('id', user.assistsUserId).first<{ department_id: number | null } | undefined>('department_id');
      departmentId = manager?.department_id ?? null;
      ownerId = user.assistsUserId;
      break;
    }
  }
  if (departmentId === null) throw new ForbiddenError(text('error.no_department_no_leads'));
  if ((user.role === 'director' || user.role === 'curator') && target.managerId !== undefined) {
    if (!(await isActiveManagerOf(db, target.managerId, departmentId))) {
      throw fieldError('managerId', text('field.not_active_manager'));
    }
    ownerId = target.managerId;
  }
  const outcome = await createLead(deps, {
    departmentId,
    siteId: null,
    source: 'manual',
    createdBy: user.id,
    client: input.client,
    service: input.service,
    message: input.message,
    pageUrl: null,
    utm: null,
    ownerId,
    language: input.language,
    requested: await settledRequested(db, input.requested, departmentId, deps.config.defaultCurrency),
  });
  if (outcome.kind !== 'created') throw new Error('a hand-made lead was not created');
  return { lead: leadFor(user, outcome.lead) };
}
