import type { Knex } from 'knex';
import type { SessionUser } from '../auth/session-user.js';

/** The part of a lead that decides who may see it. */
export interface LeadAudienceFields {
  departmentId: number;
  ownerId: number | null;
}

/**
 * Visibility: director all; curator their department; manager own leads; assistant the leads of the manager
 * they assist. The same rule drives list queries (scopeLeads), single reads (canSeeLead) and live events
 * (leadRooms), so that a page and a socket can never disagree.
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

/** Working a lead (status, comments, files, reminders) is allowed to everyone who sees it. */
export const canWorkLead = canSeeLead;

/** Assigning and reassigning is the curators' (and directors') job. */
export function canAssignLead(user: SessionUser, lead: LeadAudienceFields): boolean {
  return user.role === 'director' || (user.role === 'curator' && lead.departmentId === user.departmentId);
}

/** Restricts a query over `leads` (aliased as `column` prefix) to what the user may see. */
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

/** socket.io rooms that receive live events about a lead: exactly the users canSeeLead allows. */
export function leadRooms(lead: LeadAudienceFields): string[] {
  const rooms = ['role:director', `curators:${lead.departmentId}`];
  if (lead.ownerId !== null) rooms.push(`user:${lead.ownerId}`, `assistants:${lead.ownerId}`);
  return rooms;
}

/** The rooms a connected user joins; must mirror leadRooms. */
export function roomsOf(user: SessionUser): string[] {
  const rooms = [`user:${user.id}`];
  if (user.role === 'director') rooms.push('role:director');
  if (user.role === 'curator' && user.departmentId !== null) rooms.push(`curators:${user.departmentId}`);
  if (user.role === 'assistant' && user.assistsUserId !== null) rooms.push(`assistants:${user.assistsUserId}`);
  return rooms;
}
