import type { AttachmentDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { toAttachment, type AttachmentRow } from './leads.presenter.js';

function withUploader(db: Queryable) {
  return db('attachments').leftJoin('users', 'users.id', 'attachments.uploader_id').select('attachments.*', 'users.name as uploader_name');
}

export async function listAttachments(db: Queryable, leadId: number): Promise<AttachmentDto[]> {
  const rows: AttachmentRow[] = await withUploader(db).where('attachments.lead_id', leadId).orderBy('attachments.id');
  return rows.map(toAttachment);
}

export async function findAttachment(db: Queryable, id: number): Promise<AttachmentRow | undefined> {
  return withUploader(db).where('attachments.id', id).first();
}
