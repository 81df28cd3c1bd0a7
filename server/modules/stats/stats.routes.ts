import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { requestLocale } from '../../http/locale.js';
import { parse } from '../../lib/validate.js';
import { sendTable } from '../../lib/table-export.js';
import { translate } from '../../i18n/translate.js';
import { getFunnel } from './get-funnel.js';
import { getManagersStats } from './get-managers-stats.js';
import { toPeriod } from './period.js';
import { funnelTable, managersTable } from './stats.export.js';
import { FunnelQuery, ManagersStatsQuery } from './stats.schema.js';

/** A period's days for a file name: `2026-11-02–2026-11-08` (its end is exclusive). */
const days = (p: { from: string; to: string }) => `${p.from.slice(0, 10)}–${new Date(Date.parse(p.to) - 1).toISOString().slice(0, 10)}`;

/** /api/stats/managers and /api/stats/funnel: JSON, or with `?format=csv|xlsx` the same table as a file. */
export function statsRoutes(deps: Deps): Router {
  const router = Router();
  const { db } = deps;

  router.get('/stats/managers', requireUser, async (req, res) => {
    const q = parse(ManagersStatsQuery, req.query);
    const stats = await getManagersStats(db, userOf(req), toPeriod(q.from, q.to), q.departmentId, q.timeZone);
    if (q.format === 'json') return void res.json(stats);
    const locale = requestLocale(req, deps.config.defaultLocale);
    const { columns, rows } = managersTable(stats, locale);
    const sheet = translate(locale, 'report.managers_sheet');
    await sendTable(res, q.format, `${sheet} ${days(stats)}`, columns, rows, { sheetName: sheet });
  });

  router.get('/stats/funnel', requireUser, async (req, res) => {
    const q = parse(FunnelQuery, req.query);
    const funnel = await getFunnel(db, userOf(req), toPeriod(q.from, q.to), { departmentId: q.departmentId, ownerId: q.ownerId });
    if (q.format === 'json') return void res.json(funnel);
    const locale = requestLocale(req, deps.config.defaultLocale);
    const { columns, rows } = funnelTable(funnel, locale);
    const sheet = translate(locale, 'report.funnel_sheet');
    await sendTable(res, q.format, `${sheet} ${days(funnel)}`, columns, rows, { sheetName: sheet });
  });

  return router;
}
