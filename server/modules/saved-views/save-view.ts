import type { SavedViewDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { fieldError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';
import type { SaveView } from './saved-views.schema.js';
import { countViewsOf, findViewByName, insertView, updateViewQuery } from './saved-views.repo.js';

/** A person keeps at most this many views (a menu, not a store). */
export const MAX_VIEWS_PER_USER = 30;

/**
 * Saves the list's filters and order under a name for this user only. The same name again replaces that view's
 * query (saving a view "again" after changing a filter); a 31st view is refused with 400 on `name`.
 */
export async function saveView(deps: Deps, user: SessionUser, v: SaveView): Promise<{ view: SavedViewDto; created: boolean }> {
  const { db } = deps;
  return db.transaction(async (trx) => {
    const existing = await findViewByName(trx, user.id, v.name);
    if (existing) {
      await updateViewQuery(trx, user.id, existing.id, v.query);
      return { view: { ...existing, query: v.query }, created: false };
    }
    if ((await countViewsOf(trx, user.id)) >= MAX_VIEWS_PER_USER) throw fieldError('name', text('field.too_many_views'));
    return { view: await insertView(trx, user.id, v.name, v.query), created: true };
  });
}
