import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { IdParams, parse } from '../../lib/validate.js';
import { ClientExportQuery, ExistingClientQuery, ListClientsQuery, MergeClientsSchema, PatchClientSchema } from './client-base.schema.js';
import { findExistingClient } from './find-existing-client.js';
import { clientExportColumns, exportedClients } from './export-clients.js';
import { requestLocale } from '../../http/locale.js';
import { translate } from '../../i18n/translate.js';
import { sendTable } from '../../lib/table-export.js';
import { getClientCard } from './get-client-card.js';
import { listClients } from './list-clients.js';
import { updateClient } from './update-client.js';
import { findDuplicateClients } from './find-duplicate-clients.js';
import { mergeClients } from './merge-clients.js';

/** /api/clients (the list), /api/clients/export and /api/clients/:id (the card): a client is visible to whoever may see one of its leads or works for its manager. */
export function clientBaseRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser);

  router.get('/export', async (req, res) => {
    const { format, ...filters } = parse(ClientExportQuery, req.query);
    const locale = requestLocale(req, deps.config.defaultLocale);
    const name = translate(locale, 'export.client.file');
    await sendTable(res, format, `${name} ${new Date().toISOString().slice(0, 10)}`, clientExportColumns(locale), exportedClients(deps, userOf(req), filters), { sheetName: name });
  });

  router.get('/', async (req, res) => {
    res.json(await listClients(deps, userOf(req), parse(ListClientsQuery, req.query)));
  });

  router.get('/existing', async (req, res) => {
    res.json({ existing: await findExistingClient(deps, userOf(req), parse(ExistingClientQuery, req.query)) });
  });

  router.get('/duplicates', async (req, res) => {
    res.json({ groups: await findDuplicateClients(deps, userOf(req)) });
  });

  router.post('/:id/merge', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const { otherClientId } = parse(MergeClientsSchema, req.body);
    res.json({ client: await mergeClients(deps, userOf(req), id, otherClientId) });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    res.json(await getClientCard(deps, userOf(req), id));
  });

  router.patch('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const patch = parse(PatchClientSchema, req.body);
    res.json({ client: await updateClient(deps, userOf(req), id, patch) });
  });

  return router;
}
