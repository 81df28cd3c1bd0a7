import { ACTIVITY_KINDS, type ActivityDto } from '../../api-types.js';
import { fromDbTime, toDbTime, type Queryable } from '../../db/knex.js';
import { fieldError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';
import { moment, toPeriod } from '../stats/period.js';
import { canSeeActivityOf } from '../stats/stats.policy.js';
import { readActivity, type FeedPosition } from './activity.repo.js';
import type { ActivityQuery } from './activity.schema.js';

const STORED_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

function encodeCursor(p: FeedPosition): string {
  return Buffer.from(JSON.stringify([p.at, p.rank, p.id])).toString('base64url');
}

function decodeCursor(cursor: string): FeedPosition {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && STORED_TIME.test(v[0]) && [0, 1, 2].includes(v[1]) && Number.isInteger(v[2]) && v[2] > 0) {
      return { at: v[0], rank: v[1], id: v[2] };
    }
  } catch {
    // fall through to the 400 below
  }
  throw fieldError('cursor', text('field.bad_cursor'));
}

const bound = (s: string | undefined, endOfDay: boolean): string | undefined => (s === undefined ? undefined : toDbTime(moment(s, endOfDay)));

/**
 * What a person did, newest first: from the lead history (created, assigned, status, edited, comment, attachment,
 * reminder_set), calls (called, answered) and reminders marked done, each with the lead's client name; `kind`
 * narrows it, `from`/`to` bound it, pages follow `nextCursor`. 403 for a person outside the user's view
 * (canSeeActivityOf); 404 for a director asking about nobody.
 */
export async function listActivity(db: Queryable, user: SessionUser, q: ActivityQuery): Promise<ActivityDto> {
  const userId = q.userId ?? user.id;
  const person = await db('users').where('id', userId).first<{ id: number; department_id: number | null } | undefined>('id', 'department_id');
  const visible = person && canSeeActivityOf(user, { id: Number(person.id), departmentId: person.department_id === null ? null : Number(person.department_id) });
  if (!visible) throw user.role === 'director' ? new NotFoundError('user') : new ForbiddenError(text('error.activity_forbidden'));
  if (q.from && q.to) toPeriod(q.from, q.to); // the same 400s as the reports: `to` before `from`, too long
  const rows = await readActivity(db, {
    userId,
    kinds: new Set(q.kind ?? ACTIVITY_KINDS),
    from: bound(q.from, false),
    to: bound(q.to, true),
    after: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ at: fromDbTime(r.at)!, userId, kind: r.kind, leadId: r.leadId, leadName: r.leadName, detail: r.detail })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.at, rank: last.rank, id: last.id }) : null,
  };
}
