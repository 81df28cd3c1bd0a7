import fs from 'node:fs';
import type { AttachmentDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { findAttachment } from './attachments.repo.js';
import { safeFileName, storedMimeType } from './attachment-files.js';
import { emitLeadUpdated, loadSummary } from './leads.events.js';
import { recordHistory } from './lead-history.js';
import { visibleLeadRow } from './lead-access.js';
import { toAttachment, type AttachmentRow } from './leads.presenter.js';

export interface UploadedFile {
  path: string;
  filename: string; // the random storage key multer gave it
  originalname: string;
  mimetype: string;
  size: number;
}

/** Records a file already saved under its random key; if the lead turned out not to be visible, the file goes. */
export async function attachFile(deps: Deps, user: SessionUser, leadId: number, file: UploadedFile): Promise<AttachmentDto> {
  const fileName = safeFileName(file.originalname);
  let id: number;
  try {
    id = await deps.db.transaction(async (tx) => {
      await visibleLeadRow(tx, user, leadId);
      const now = toDbTime();
      const [aid] = await tx('attachments').insert({
        lead_id: leadId,
        uploader_id: user.id,
        file_name: fileName,
        mime_type: storedMimeType(file.mimetype),
        size: file.size,
        storage_key: file.filename,
        created_at: now,
      });
      await tx('leads').where('id', leadId).update({ updated_at: now });
      await recordHistory(tx, [{ leadId, actorId: user.id, action: 'attachment', field: 'file', newValue: fileName }], now);
      return Number(aid);
    });
  } catch (err) {
    await fs.promises.rm(file.path, { force: true });
    throw err;
  }
  const lead = await loadSummary(deps.db, leadId);
  if (lead) emitLeadUpdated(deps, lead);
  return toAttachment((await findAttachment(deps.db, id)) as AttachmentRow);
}
