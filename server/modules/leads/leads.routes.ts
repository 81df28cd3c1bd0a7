import fs from 'node:fs';
import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { fieldError, NotFoundError } from '../../errors.js';
import { IdParams, parse } from '../../lib/validate.js';
import { addComment } from './add-comment.js';
import { assignLead } from './assign-lead.js';
import { attachFile, type UploadedFile } from './attach-file.js';
import { storagePath, uploader } from './attachment-files.js';
import { findAttachment } from './attachments.repo.js';
import { createLeadByHand } from './create-lead-by-hand.js';
import { listHistory } from './lead-history.js';
import { visibleLeadRow } from './lead-access.js';
import { countLeads, listLeads } from './list-leads.js';
import { countLeadsByStatus } from './count-leads-by-status.js';
import { AssignSchema, CommentSchema, CreateLeadTargetSchema, ExportLeadsQuery, ListLeadsQuery, parseLeadByHand, PatchLeadSchema } from './leads.schema.js';
import { updateLead } from './update-lead.js';
import { text } from '../../i18n/text.js';
import { translate } from '../../i18n/translate.js';
import { requestLocale } from '../../http/locale.js';
import { sendTable } from '../../lib/table-export.js';
import { exportedLeads, leadExportColumns } from './export-leads.js';

/** /api/leads (list, create, change, assign, comments, files, history) and /api/attachments/:id: thin — validate, one use case, answer. */
export function leadsRoutes(deps: Deps): Router {
  const router = Router();
  const { db, config } = deps;
  const upload = uploader(config.uploadsDir, config.uploadMaxBytes);

  router.get('/leads', requireUser, async (req, res) => {
    res.json(await listLeads(deps, userOf(req), parse(ListLeadsQuery, req.query)));
  });

  router.get('/leads/total', requireUser, async (req, res) => {
    const { format: _format, ...filters } = parse(ExportLeadsQuery, req.query);
    res.json(await countLeads(deps, userOf(req), filters));
  });

  router.get('/leads/counts', requireUser, async (req, res) => {
    const { format: _format, ...filters } = parse(ExportLeadsQuery, req.query);
    res.json(await countLeadsByStatus(deps, userOf(req), filters));
  });

  router.get('/leads/export', requireUser, async (req, res) => {
    const { format, ...filters } = parse(ExportLeadsQuery, req.query);
    const user = userOf(req);
    const locale = requestLocale(req, config.defaultLocale);
    const name = `${translate(locale, 'export.lead.file')} ${new Date().toISOString().slice(0, 10)}`;
    await sendTable(res, format, name, leadExportColumns(locale), exportedLeads(deps, user, filters), { sheetName: translate(locale, 'export.lead.file') });
  });

  router.post('/leads', requireUser, async (req, res) => {
    const input = parseLeadByHand(req.body, config.defaultCountry);
    const target = parse(CreateLeadTargetSchema, req.body);
    res.status(201).json({ lead: (await createLeadByHand(deps, userOf(req), input, target)).lead });
  });

  router.patch('/leads/:id', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const patch = parse(PatchLeadSchema, req.body);
    res.json({ lead: await updateLead(deps, userOf(req), id, patch) });
  });

  router.post('/leads/:id/assign', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const { managerId, version } = parse(AssignSchema, req.body);
    res.json({ lead: await assignLead(deps, userOf(req), id, managerId, version) });
  });

  router.post('/leads/:id/comments', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const { text } = parse(CommentSchema, req.body);
    res.status(201).json({ comment: await addComment(deps, userOf(req), id, text) });
  });

  router.get('/leads/:id/history', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    await visibleLeadRow(db, userOf(req), id);
    res.json({ items: await listHistory(db, id) });
  });

  router.post(
    '/leads/:id/attachments',
    requireUser,
    // Visibility first: nothing is written to disk for a lead the user may not see.
    async (req, _res, next) => {
      const { id } = parse(IdParams, req.params);
      await visibleLeadRow(db, userOf(req), id);
      next();
    },
    upload,
    async (req, res) => {
      const { id } = parse(IdParams, req.params);
      const file = req.file as UploadedFile | undefined;
      if (!file) throw fieldError('file', text('field.file_required'));
      res.status(201).json({ attachment: await attachFile(deps, userOf(req), id, file) });
    },
  );

  router.get('/attachments/:id', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const row = await findAttachment(db, id);
    if (!row) throw new NotFoundError('file');
    await visibleLeadRow(db, userOf(req), Number(row.lead_id)).catch(() => {
      throw new NotFoundError('file');
    });
    const file = storagePath(config.uploadsDir, row.storage_key);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat) throw new NotFoundError('file');
    res.attachment(row.file_name); // Content-Disposition (with a UTF-8 filename*); its guessed type is replaced below
    res.setHeader('Content-Type', row.mime_type);
    res.setHeader('Content-Length', String(stat.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    await new Promise<void>((resolve, reject) => {
      const stream = fs.createReadStream(file);
      stream.on('error', reject);
      stream.on('end', () => resolve());
      stream.pipe(res);
    });
  });

  return router;
}
