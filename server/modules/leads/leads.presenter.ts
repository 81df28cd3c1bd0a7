import type { AttachmentDto, CommentDto, HistoryEntryDto, LeadAbilities, LeadColour, LeadDetailDto, LeadStatus, LeadSummaryDto } from '../../api-types.js';
import { fromDbTime } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { leadAbilities } from './leads.policy.js';
import type { LeadSummaryRow } from './leads.repo.js';

const iso = (v: unknown): string => fromDbTime(v) ?? '';

/** A lead before it is addressed to anyone: everything but what the receiver may do with it. */
export type LeadSummary = Omit<LeadSummaryDto, 'can'>;
export type LeadFullDto = LeadDetailDto['lead'];
export type LeadFull = Omit<LeadFullDto, 'can'>;

/** The lead as this user receives it: with what they may do (leads.policy.ts decides). */
export function leadFor<T extends LeadSummary>(user: SessionUser, lead: T): T & { can: LeadAbilities } {
  return { ...lead, can: leadAbilities(user, lead) };
}

export function toLeadSummary(r: LeadSummaryRow): LeadSummary {
  return {
    id: Number(r.id),
    status: r.status as LeadStatus,
    flagged: Boolean(r.flagged),
    colour: (r.colour as LeadColour | null) ?? null,
    service: r.service,
    message: r.message,
    source: r.source as LeadSummaryDto['source'],
    returningClient: Boolean(r.returning_client),
    departmentId: Number(r.department_id),
    siteId: r.site_id === null ? null : Number(r.site_id),
    ownerId: r.owner_id === null ? null : Number(r.owner_id),
    ownerName: r.owner_name ?? null,
    client: {
      id: Number(r.client_id),
      fullName: r.client_full_name ?? null,
      organization: r.client_organization ?? null,
      phone: r.client_phone ?? null,
      email: r.client_email ?? null,
    },
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    assignedAt: fromDbTime(r.assigned_at),
    firstContactAt: fromDbTime(r.first_contact_at),
    statusChangedAt: fromDbTime(r.status_changed_at),
    amount: r.amount === null || r.amount === undefined ? null : Number(r.amount),
    currency: r.amount === null || r.amount === undefined ? null : (r.currency ?? null),
    version: Number(r.version),
  };
}

/** A stored JSON object of texts (utm, other fields), or null when absent or unreadable. */
function textsOf(json: string | null | undefined): Record<string, string> | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : null;
  } catch {
    return null;
  }
}

export function toLeadFull(r: LeadSummaryRow): LeadFull {
  return {
    ...toLeadSummary(r),
    pageUrl: r.page_url,
    utm: textsOf(r.utm),
    otherFields: textsOf(r.other_fields),
    language: r.language ?? null,
    requestedAmount: r.requested_amount === null || r.requested_amount === undefined ? null : { amount: Number(r.requested_amount), currency: r.requested_currency ?? '' },
    closedAt: fromDbTime(r.closed_at),
  };
}

export interface HistoryRow {
  id: number;
  lead_id: number;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  created_at: string;
}

export function toHistoryEntry(r: HistoryRow): HistoryEntryDto {
  return {
    id: Number(r.id),
    leadId: Number(r.lead_id),
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorName: r.actor_name ?? null,
    action: r.action,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    createdAt: iso(r.created_at),
  };
}

export interface CommentRow {
  id: number;
  lead_id: number;
  author_id: number | null;
  author_name: string | null;
  text: string;
  created_at: string;
}

export function toComment(r: CommentRow): CommentDto {
  return {
    id: Number(r.id),
    leadId: Number(r.lead_id),
    authorId: r.author_id === null ? null : Number(r.author_id),
    authorName: r.author_name ?? null,
    text: r.text,
    createdAt: iso(r.created_at),
  };
}

export interface AttachmentRow {
  id: number;
  lead_id: number;
  uploader_id: number | null;
  uploader_name: string | null;
  file_name: string;
  mime_type: string;
  size: number;
  storage_key: string;
  created_at: string;
}

export function toAttachment(r: AttachmentRow): AttachmentDto {
  return {
    id: Number(r.id),
    leadId: Number(r.lead_id),
    fileName: r.file_name,
    mimeType: r.mime_type,
    size: Number(r.size),
    uploaderId: r.uploader_id === null ? null : Number(r.uploader_id),
    uploaderName: r.uploader_name ?? null,
    createdAt: iso(r.created_at),
    url: `/api/attachments/${Number(r.id)}`,
  };
}
