import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import { requireUser, requireWhen } from '../../http/auth.js';
import { canManageDepartments } from './departments.policy.js';
import { IdParams, parse } from '../../lib/validate.js';
import { findDepartment, listDepartments } from './departments.repo.js';
import { CreateDepartmentSchema, UpdateDepartmentSchema } from './departments.schema.js';
import { createDepartment } from './create-department.js';
import { updateDepartment } from './update-department.js';
import { text } from '../../i18n/text.js';

/** Departments and their public numbers: everyone logged in reads (names in lists), the director writes. */
export function departmentsRoutes({ db, config }: Deps): Router {
  const router = Router();
  const manage = requireWhen(canManageDepartments, text('error.departments_forbidden'));

  router.get('/', requireUser, async (_req, res) => {
    res.json({ items: await listDepartments(db) });
  });

  router.get('/:id', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const dept = await findDepartment(db, id);
    if (!dept) throw new NotFoundError('department');
    res.json({ department: dept });
  });

  router.post('/', manage, async (req, res) => {
    res.status(201).json({ department: await createDepartment(db, parse(CreateDepartmentSchema, req.body), config.defaultCountry) });
  });

  router.patch('/:id', manage, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    res.json({ department: await updateDepartment(db, id, parse(UpdateDepartmentSchema, req.body), config.defaultCountry) });
  });

  return router;
}
