import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Router, type Request } from 'express';
import multer from 'multer';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { requestLocale } from '../../http/locale.js';
import { fieldError, NotFoundError } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { translate } from '../../i18n/translate.js';
import { IdParams, parse } from '../../lib/validate.js';
import { sendTable } from '../../lib/table-export.js';
import { safeFileName } from '../leads/attachment-files.js';
import { dryRunImport } from './dry-run-import.js';
import { problemColumns, toImportReport } from './imports.presenter.js';
import { findImport } from './imports.repo.js';
import { ImportRunSchema, ProblemsQuery } from './imports.schema.js';
import { ImportFileError } from './read-table.js';
import { startImport } from './run-import.js';
import { uploadImport } from './upload-import.js';

/** What a client list may be called: a spreadsheet or delimited text. Anything else is refused before it is read. */
const LIST_EXTENSIONS = new Set(['xlsx', 'csv', 'txt', 'tsv']);

function listUploader(dir: string, maxBytes: number) {
  fs.mkdirSync(dir, { recursive: true });
  return multer({
    storage: multer.diskStorage({ destination: dir, filename: (_req, _file, cb) => cb(null, crypto.randomBytes(24).toString('hex')) }),
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 4096 },
    fileFilter: (_req: Request, file, cb) => {
      const ext = path.extname(safeFileName(file.originalname)).slice(1).toLowerCase();
      if (LIST_EXTENSIONS.has(ext)) cb(null, true);
      else cb(new ImportFileError(415, 'file_type'));
    },
  }).single('file');
}

/**
 * /api/imports: upload a client list (multipart `file`) → its columns, a guessed mapping and the first lines;
 * dry run; run (202, then `import:progress`); the report, and its problems as a file. An import is its uploader's.
 */
export function importsRoutes(deps: Deps): Router {
  const router = Router();
  const upload = listUploader(path.join(deps.config.uploadsDir, 'imports'), deps.config.importMaxBytes);
  router.use(requireUser);

  router.post('/', upload, async (req, res) => {
    const file = req.file;
    if (!file) throw fieldError('file', text('field.file_required'));
    res.status(201).json(await uploadImport(deps, userOf(req), { fileName: safeFileName(file.originalname), storageKey: file.filename }));
  });

  router.post('/:id/dry-run', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const body = parse(ImportRunSchema, req.body);
    res.json(await dryRunImport(deps, userOf(req), id, body, requestLocale(req, deps.config.defaultLocale)));
  });

  router.post('/:id/run', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const body = parse(ImportRunSchema, req.body);
    await startImport(deps, userOf(req), id, body);
    res.status(202).json({ id, status: 'running' });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const row = await findImport(deps.db, id, userOf(req).id);
    if (!row) throw new NotFoundError('import');
    res.json(toImportReport(row, requestLocale(req, deps.config.defaultLocale)));
  });

  router.get('/:id/problems', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const { format } = parse(ProblemsQuery, req.query);
    const row = await findImport(deps.db, id, userOf(req).id);
    if (!row) throw new NotFoundError('import');
    const locale = requestLocale(req, deps.config.defaultLocale);
    const report = toImportReport(row, locale);
    const name = `${translate(locale, 'import.report.file')} ${row.file_name.replace(/\.[^.]*$/, '')}`;
    await sendTable(res, format, name, problemColumns(locale), report.problems, { sheetName: translate(locale, 'import.report.file') });
  });

  return router;
}
