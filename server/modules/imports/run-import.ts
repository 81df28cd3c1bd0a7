import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';
import { checkMapping, importFilePath, loadImportTable, type ImportTable } from './import-file.js';
import { emitImportProgress } from './imports.events.js';
import { importTarget } from './imports.policy.js';
import { claimImportRun, findImport, saveImportProgress } from './imports.repo.js';
import type { ImportRunBody } from './imports.schema.js';
import { planImport, type ImportTarget, type PlannedLine } from './plan-import.js';
import { saveImportedClient } from './save-imported-client.js';

/** Lines written per transaction: each commit is short, so other requests wait for the database only briefly. */
export const IMPORT_CHUNK_LINES = 100;

/**
 * Starts importing an uploaded list: checks who may import where (imports.policy.ts), reads the file and the
 * mapping (a 4xx before anything starts), marks the import running (409 while it runs already) and answers; the
 * lines are then written in the background (writeImport). Resolves once the run has started.
 */
export async function startImport(deps: Deps, user: SessionUser, importId: number, body: ImportRunBody): Promise<{ done: Promise<void> }> {
  const row = await findImport(deps.db, importId, user.id);
  if (!row) throw new NotFoundError('import');
  const target = await importTarget(deps.db, user, body);
  const table = await loadImportTable(importFilePath(deps.config.dataDir, row.storage_key));
  checkMapping(body.mapping, table);
  if (!(await claimImportRun(deps.db, importId, table.rows.length, toDbTime()))) throw new ConflictError(text('error.import_running'), 'import_running');
  return { done: writeImport(deps, user, importId, body, target, table) };
}

/**
 * Writes the planned lines in file order, IMPORT_CHUNK_LINES per transaction; each transaction also stores how far
 * the import got, so the report says exactly which lines went in even when a later chunk fails. After each commit
 * the user hears `import:progress`. Ends `done` with the problems, or `failed` (lines up to `done` are in).
 */
async function writeImport(deps: Deps, user: SessionUser, importId: number, body: ImportRunBody, target: ImportTarget, table: ImportTable): Promise<void> {
  const total = table.rows.length;
  const counts = { done: 0, created: 0, updated: 0, skipped: 0 };
  let problems: Awaited<ReturnType<typeof planImport>>['problems'] = [];
  try {
    const plan = await planImport(deps.db, user, table.rows, body.mapping, target, deps.config.defaultCountry);
    problems = plan.problems;
    for (let i = 0; i < plan.lines.length; i += IMPORT_CHUNK_LINES) {
      const chunk = plan.lines.slice(i, i + IMPORT_CHUNK_LINES);
      const next = { ...counts };
      await deps.db.transaction(async (tx) => {
        const at = toDbTime();
        for (const line of chunk) {
          await writeLine(tx, line, target, at, next);
          next.done++;
        }
        await saveImportProgress(tx, importId, next, at);
      });
      Object.assign(counts, next);
      emitImportProgress(deps, user.id, { id: importId, done: counts.done, total, status: 'running' });
      await new Promise((resolve) => setImmediate(resolve)); // let other requests in between chunks
    }
    await saveImportProgress(deps.db, importId, { ...counts, status: 'done', problems }, toDbTime());
    emitImportProgress(deps, user.id, { id: importId, done: counts.done, total, status: 'done' });
  } catch (err) {
    deps.log.error({ err, importId, done: counts.done }, 'import failed');
    await saveImportProgress(deps.db, importId, { ...counts, status: 'failed', problems }, toDbTime()).catch(() => undefined);
    emitImportProgress(deps, user.id, { id: importId, done: counts.done, total, status: 'failed' });
  }
}

async function writeLine(tx: Parameters<typeof saveImportedClient>[0], line: PlannedLine, target: ImportTarget, at: string, counts: { created: number; updated: number; skipped: number }): Promise<void> {
  if (line.action === 'skip') {
    counts.skipped++;
    return;
  }
  await saveImportedClient(tx, { ...line, departmentId: target.departmentId }, at);
  if (line.action === 'create') counts.created++;
  else counts.updated++;
}
