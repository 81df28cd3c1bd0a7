import type { Deps } from '../../deps.js';
import { isUniqueViolation, toDbTime, type Queryable } from '../../db/knex.js';
import { text, type Text } from '../../i18n/text.js';
import { formatPhone } from '../../lib/phone-display.js';
import { fireDueReminders } from '../reminders/fire-due-reminders.js';
import { insertTasks } from '../reminders/reminders.repo.js';
import { dueOccasions, monthDaysAhead, QUIET_LOOKBACK_DAYS, type Occasion } from './occasions.js';

const DAY_MS = 86_400_000;

interface CandidateRow {
  id: number;
  full_name: string | null;
  organization: string | null;
  phone: string | null;
  birthday: unknown;
  first_order_at: unknown;
  last_order_at: unknown;
  first_won_at: unknown;
  last_won_at: unknown;
  owner_id: number | null;
  lead_owner_id: number | null;
  lead_id: number | null;
}

/** A stored date or moment as `YYYY-MM-DD`, or null. */
const dayOf = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const earliest = (...days: (string | null)[]) => days.filter((d): d is string => d !== null).sort()[0] ?? null;
const latest = (...days: (string | null)[]) => days.filter((d): d is string => d !== null).sort().pop() ?? null;

/**
 * One pass of keep-in-touch at `now`: the owner of each client (the client's own manager, else the owner of its
 * latest lead; active) gets a task, like a callback reminder and in their own language, when the client has not
 * ordered for KEEP_IN_TOUCH_QUIET_DAYS (orders: won leads and imported history; clients gone quiet within the last
 * 30 days of that threshold), or a birthday or an anniversary of the first order falls within KEEP_IN_TOUCH_DAYS_AHEAD
 * days. Each client's occasion is claimed by a row unique per client, kind and day (keep_in_touch_reminders) in the
 * transaction that leaves the task: once, whatever restarts or instances there are. Returns how many were left.
 */
export async function remindToKeepInTouch(deps: Deps, now: Date): Promise<number> {
  const { db, config } = deps;
  const settings = config.keepInTouch;
  const candidates = await candidateClients(db, now, settings);
  if (candidates.length === 0) return 0;
  const ids = candidates.map((c) => Number(c.id));
  const claimed = new Set(
    (await db('keep_in_touch_reminders').whereIn('client_id', ids).select('client_id', 'kind', 'on_day')).map((r: { client_id: number; kind: string; on_day: unknown }) => `${r.client_id}:${r.kind}:${dayOf(r.on_day)}`),
  );
  const owners = [...new Set(candidates.map(ownerOf).filter((id): id is number => id !== null))];
  const active = new Set((await db('users').whereIn('id', owners.length ? owners : [0]).where('active', true).pluck('id')).map(Number));
  let left = 0;
  for (const c of candidates) {
    const owner = ownerOf(c);
    if (owner === null || !active.has(owner)) continue;
    const dates = {
      lastOrderDay: latest(dayOf(c.last_order_at), dayOf(c.last_won_at)),
      firstOrderDay: earliest(dayOf(c.first_order_at), dayOf(c.first_won_at)),
      birthday: dayOf(c.birthday),
    };
    for (const o of dueOccasions(dates, now, settings)) {
      if (claimed.has(`${c.id}:${o.kind}:${o.onDay}`)) continue;
      if (await remind(db, c, owner, o, now)) left += 1;
    }
  }
  if (left > 0) await fireDueReminders(deps, now);
  return left;
}

const ownerOf = (c: CandidateRow): number | null => (c.owner_id !== null ? Number(c.owner_id) : c.lead_owner_id !== null ? Number(c.lead_owner_id) : null);

/** Clients that may have an occasion now: gone quiet lately, or a birthday or first-order month-day in the days ahead. */
async function candidateClients(db: Queryable, now: Date, s: { quietDays: number; daysAhead: number }): Promise<CandidateRow[]> {
  const cutoff = new Date(now.getTime() - s.quietDays * DAY_MS);
  const windowStart = new Date(cutoff.getTime() - QUIET_LOOKBACK_DAYS * DAY_MS);
  const [cutoffDay, startDay] = [cutoff.toISOString().slice(0, 10), windowStart.toISOString().slice(0, 10)];
  const monthDays = monthDaysAhead(now, s.daysAhead);
  const won = (extra: string, bindings: unknown[] = []) =>
    db.raw(`exists (select 1 from leads wl where wl.client_id = clients.id and wl.won_at is not null ${extra})`, bindings as never[]);
  const list = monthDays.map(() => '?').join(',');
  return db('clients')
    .where((w) => {
      // Gone quiet: the last order (imported or won) within the window before the cutoff, none after it.
      void w.where((q) =>
        void q
          .where((a) => void a.whereBetween('clients.last_order_at', [startDay, cutoffDay]).orWhere(won('and wl.won_at >= ? and wl.won_at < ?', [toDbTime(windowStart), toDbTime(new Date(cutoff.getTime() + DAY_MS))])))
          .where((a) => void a.whereNull('clients.last_order_at').orWhere('clients.last_order_at', '<=', cutoffDay))
          .whereNot(won('and wl.won_at >= ?', [toDbTime(new Date(cutoff.getTime() + DAY_MS))])),
      );
      void w.orWhereRaw(`substr(clients.birthday, 6, 5) in (${list})`, monthDays);
      void w.orWhereRaw(`substr(clients.first_order_at, 6, 5) in (${list})`, monthDays);
      void w.orWhere(won(`and substr(wl.won_at, 6, 5) in (${list})`, monthDays));
    })
    .select(
      'clients.id',
      'clients.full_name',
      'clients.organization',
      'clients.birthday',
      'clients.first_order_at',
      'clients.last_order_at',
      'clients.owner_id',
      db.raw('(select min(wl.won_at) from leads wl where wl.client_id = clients.id and wl.won_at is not null) as first_won_at'),
      db.raw('(select max(wl.won_at) from leads wl where wl.client_id = clients.id and wl.won_at is not null) as last_won_at'),
      db.raw('(select l.owner_id from leads l where l.client_id = clients.id and l.owner_id is not null order by l.created_at desc, l.id desc limit 1) as lead_owner_id'),
      db.raw('(select l.id from leads l where l.client_id = clients.id order by l.created_at desc, l.id desc limit 1) as lead_id'),
      db.raw('(select cp.phone from client_phones cp where cp.client_id = clients.id order by cp.id limit 1) as phone'),
    );
}

/** Claims the occasion and leaves the owner's task (on the client's latest lead), in one transaction; false when claimed already. */
async function remind(db: Deps['db'], c: CandidateRow, owner: number, o: Occasion, now: Date): Promise<boolean> {
  const at = toDbTime(now);
  try {
    await db.transaction(async (tx) => {
      await tx('keep_in_touch_reminders').insert({ client_id: c.id, kind: o.kind, on_day: o.onDay, at });
      await insertTasks(tx, { leadId: c.lead_id === null ? null : Number(c.lead_id), userIds: [owner], kind: 'keep_in_touch', task: occasionText(c, o), at });
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** `task.keep_in_touch_<kind>` with the client's name, the day (`DD.MM`) and the days or years. */
function occasionText(c: CandidateRow, o: Occasion): Text {
  const client = c.full_name || c.organization || (c.phone ? formatPhone(c.phone) : null) || `#${c.id}`;
  return text(`task.keep_in_touch_${o.kind}`, { client, date: `${o.onDay.slice(8, 10)}.${o.onDay.slice(5, 7)}`, days: o.count, years: o.count });
}
