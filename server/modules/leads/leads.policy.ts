import type { Knex } from 'knex';
import type { LeadAbilities } from '../../api-types.js';
import { rooms } from '../../realtime/rooms.js';
import type { SessionUser } from '../../http/session-user.js';

/** The part of a lead that decides who may see it. */
export interface LeadAudienceFields {
  departmentId: number;
  ownerId: number | null;
}

/**
 * Visibility: director all; curator their department; manager own leads; assistant the leads of the manager
 * they assist. The same rule drives list queries (scopeLeads), single reads (canSeeLead), what the API says a
 * user may do (leadAbilities) and live events (leadAudiences), so that a page and a socket can never disagree.
 */
export function canSeeLead(user: SessionUser, lead: LeadAudienceFields): boolean {
  switch (user.role) {
    case 'director':
      return true;
    case 'curator':
      return user.departmentId !== null && lead.departmentId === user.departmentId;
    case 'manager':
      return lead.ownerId === user.id;
    case 'assistant':
      return user.assistsUserId !== null && lead.ownerId === user.assistsUserId;
  }
}

/** Working a lead (status, comments, files, reminders, calls) is allowed to everyone who sees it. */
export const canWorkLead = canSeeLead;

/** Whether the user assigns leads at all (the inbox is theirs). */
export function canAssignLeads(user: SessionUser): boolean {
  return user.role === 'director' || user.role === 'curator';
}

/** Assigning and reassigning is the curators' (and directors') job. */
export function canAssignLead(user: SessionUser, lead: LeadAudienceFields): boolean {
  return user.role === 'director' || (user.role === 'curator' && lead.departmentId === user.departmentId);
}

const NOTHING: LeadAbilities = { assign: false, edit: false, call: false };
const ASSIGNERS: LeadAbilities = { assign: true, edit: true, call: true };
const OWNER_SIDE: LeadAbilities = { assign: false, edit: true, call: true };

/** What this user may do with the lead (`can` in every lead the API sends). */
export function leadAbilities(user: SessionUser, lead: LeadAudienceFields): LeadAbilities {
  if (!canWorkLead(user, lead)) return NOTHING;
  return canAssignLead(user, lead) ? ASSIGNERS : OWNER_SIDE;
}

/** One group of people that receives live events about a lead, and what all of them may do with it. */
export interface LeadAudience {
  rooms: string[];
  can: LeadAbilities;
}

/**
 * Who hears about a lead: exactly the users canSeeLead allows, in two groups: the assigners (directors, the
 * department's curators) and the owner's side (the owner and their assistants). Must mirror roomsOf.
 */
export function leadAudiences(lead: LeadAudienceFields): LeadAudience[] {
  const audiences: LeadAudience[] = [{ rooms: [rooms.directors, rooms.curators(lead.departmentId)], can: ASSIGNERS }];
  if (lead.ownerId !== null) audiences.push({ rooms: [rooms.user(lead.ownerId), rooms.assistantsOf(lead.ownerId)], can: OWNER_SIDE });
  return audiences;
}

/** The owner's side of a lead: where a lead that changed hands must disappear. */
export function ownerSideRooms(ownerId: number): string[] {
  return [rooms.user(ownerId), rooms.assistantsOf(ownerId)];
}

/** Restricts a query over `leads` (aliased as `prefix`) to what the user may see. */
export function scopeLeads<T extends Knex.QueryBuilder>(qb: T, user: SessionUser, prefix = 'leads'): T {
  switch (user.role) {
    case 'director':
      return qb;
    case 'curator':
      return qb.where(`${prefix}.department_id`, user.departmentId ?? -1) as T;
    case 'manager':
      return qb.where(`${prefix}.owner_id`, user.id) as T;
    case 'assistant':
      return qb.where(`${prefix}.owner_id`, user.assistsUserId ?? -1) as T;
  }
}

/** The rooms a connected user joins; must mirror leadAudiences (and presence's audience: the department). */
export function roomsOf(user: SessionUser): string[] {
  const joined = [rooms.user(user.id)];
  if (user.departmentId !== null) joined.push(rooms.department(user.departmentId));
  if (user.role === 'director') joined.push(rooms.directors);
  if (user.role === 'curator' && user.departmentId !== null) joined.push(rooms.curators(user.departmentId));
  if (user.role === 'assistant' && user.assistsUserId !== null) joined.push(rooms.assistantsOf(user.assistsUserId));
  return joined;
}
