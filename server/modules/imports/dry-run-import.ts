import type { ImportDryRunDto, Locale } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { checkMapping, importFilePath, loadImportTable } from './import-file.js';
import { importTarget } from './imports.policy.js';
import { toProblemDto } from './imports.presenter.js';
import { findImport } from './imports.repo.js';
import type { ImportRunBody } from './imports.schema.js';
import { planImport } from './plan-import.js';

/** What running the import would do, line by line, without writing anything: counts and every problem. */
export async function dryRunImport(deps: Deps, user: SessionUser, importId: number, body: ImportRunBody, locale: Locale): Promise<ImportDryRunDto> {
  const row = await findImport(deps.db, importId, user.id);
  if (!row) throw new NotFoundError('import');
  const target = await importTarget(deps.db, user, body);
  const table = await loadImportTable(importFilePath(deps.config.uploadsDir, row.storage_key));
  checkMapping(body.mapping, table);
  const plan = await planImport(deps.db, user, table.rows, body.mapping, target, deps.config.defaultCountry);
  return {
    rows: table.rows.length,
    ok: plan.created + plan.updated,
    created: plan.created,
    updated: plan.updated,
    skipped: plan.skipped,
    problems: plan.problems.map((p) => toProblemDto(p, locale)),
  };
}
