import { CLOSING_STATUSES, LEAD_COLOURS, LEAD_STATUSES, type ClosingStatus, type LeadStatus, type Role } from '../api-types.js';
import { toDbTime, type Queryable } from '../db/knex.js';
import type { Deps } from '../deps.js';
import { randomToken } from '../lib/password.js';
import { normalizePhone } from '../lib/phone.js';
import type { SessionUser } from '../modules/auth/session-user.js';
import { createDepartment } from '../modules/departments/create-department.js';
import { knexLeadStore } from '../modules/leads/knex-lead-store.js';
import { historyRow, type HistoryChange } from '../modules/leads/lead-history.js';
import { writeLead } from '../modules/leads/write-lead.js';
import { createSite } from '../modules/sites/create-site.js';
import { createUser } from '../modules/users/create-user.js';
import * as words from './demo-data.js';

export interface DemoLogin {
  role: Role;
  name: string;
  email: string;
  /** null: the director's password was set elsewhere (LEADLINE_ADMIN_PASSWORD or printed at first start). */
  password: string | null;
  department: string | null;
}

export interface DemoDepartment {
  id: number;
  name: string;
  curatorIds: number[];
  managers: { id: number; name: string }[];
  siteId: number;
}

export interface DemoSeed {
  logins: DemoLogin[];
  departments: DemoDepartment[];
  sites: { id: number; name: string; departmentId: number; key: string }[];
  leads: number;
}

export interface SeedOptions {
  /** How many leads (default 300). */
  leads?: number;
  /** The moment "now" for the generated history (default: the real now). */
  now?: Date;
  /** Random seed: the same seed gives the same demo (default 42). */
  seed?: number;
  /** One password for every demo user (default: a random one each, printed once). */
  password?: string;
  /** The director's password when known (shown with the logins). */
  directorPassword?: string;
  /** Where the site snippets post (default http://localhost:3000). */
  publicOrigin?: string;
}

/** The demo seeds only a database nobody has worked in yet: no departments, no leads. */
export async function isEmptyForDemo(db: Queryable): Promise<boolean> {
  const [d, l] = await Promise.all([db('departments').first('id'), db('leads').first('id')]);
  return !d && !l;
}

/**
 * A working Leadline to look around in: two sales departments with their numbers, a director, curators,
 * managers with phones, an assistant, two sites and a few hundred leads across the pipeline over the last
 * 60 days, with comments, reminders and history. Teams and sites go through the app's own use cases.
 */
export async function seedDemo(deps: Deps, opts: SeedOptions = {}): Promise<DemoSeed> {
  const rng = mulberry32(opts.seed ?? 42);
  const password = () => opts.password ?? `demo-${randomToken(6)}`;
  const origin = opts.publicOrigin ?? 'http://localhost:3000';
  const logins: DemoLogin[] = [];

  const directorRow = await deps.db('users').where({ role: 'director', active: true }).orderBy('id').first('id', 'name', 'email');
  if (!directorRow) throw new Error('The demo needs the first director (created on start) to exist');
  const director: SessionUser = {
    id: Number(directorRow.id),
    name: String(directorRow.name),
    email: String(directorRow.email),
    role: 'director',
    departmentId: null,
    assistsUserId: null,
  };
  if (director.name === 'Director') await deps.db('users').where('id', director.id).update({ name: 'Елена Викторовна Зайцева', mobile: '+79161110000' });
  logins.push({ role: 'director', name: 'Елена Викторовна Зайцева', email: director.email, password: opts.directorPassword ?? null, department: null });

  const plan = [
    {
      name: 'Sales — Moscow',
      phoneNumbers: ['4951234567', '74951234567'],
      site: { name: 'klimat-msk.ru', allowedOrigins: ['https://klimat-msk.ru', 'https://www.klimat-msk.ru'] },
      curators: [['Анна Кузнецова', 'anna.kuznetsova']],
      managers: [
        ['Борис Петров', 'boris.petrov', 'PJSIP/101', '+7 916 123-45-01'],
        ['Виктория Смирнова', 'victoria.smirnova', 'PJSIP/102', '+7 916 123-45-02'],
        ['Дмитрий Волков', 'dmitry.volkov', 'PJSIP/103', '+7 916 123-45-03'],
      ],
      assistant: ['Галина Орлова', 'galina.orlova'],
    },
    {
      name: 'Sales — St Petersburg',
      phoneNumbers: ['8125550000'],
      site: { name: 'klimat-spb.ru', allowedOrigins: ['https://klimat-spb.ru'] },
      curators: [['Ольга Соколова', 'olga.sokolova']],
      managers: [
        ['Игорь Лебедев', 'igor.lebedev', 'PJSIP/104', '+7 921 555-00-04'],
        ['Мария Новикова', 'maria.novikova', 'PJSIP/105', '+7 921 555-00-05'],
      ],
      assistant: null,
    },
  ] as const;

  const departments: DemoDepartment[] = [];
  const sites: DemoSeed['sites'] = [];
  for (const p of plan) {
    const dept = await createDepartment(deps.db, { name: p.name, phoneNumbers: [...p.phoneNumbers], ringTimeoutSec: 20, routingChain: ['owner', 'owner_mobile', 'ring_group', 'voicemail'] });
    const add = async (role: Role, name: string, login: string, extra: { endpoint?: string; mobile?: string; assistsUserId?: number } = {}) => {
      const pw = password();
      const user = await createUser(deps, director, { name, email: `${login}@leadline.demo`, password: pw, role, departmentId: dept.id, ...extra });
      logins.push({ role, name, email: user.email, password: pw, department: dept.name });
      return user;
    };
    const curatorIds: number[] = [];
    for (const [name, login] of p.curators) curatorIds.push((await add('curator', name, login)).id);
    const managers: DemoDepartment['managers'] = [];
    for (const [name, login, endpoint, mobile] of p.managers) managers.push({ id: (await add('manager', name, login, { endpoint, mobile })).id, name });
    if (p.assistant) await add('assistant', p.assistant[0], p.assistant[1], { assistsUserId: managers[0].id });
    const site = await createSite(deps.db, { name: p.site.name, departmentId: dept.id, allowedOrigins: [...p.site.allowedOrigins] }, origin);
    sites.push({ id: site.id, name: site.site.name, departmentId: dept.id, key: site.key });
    departments.push({ id: dept.id, name: dept.name, curatorIds, managers, siteId: site.id });
  }

  const leads = await seedLeads(deps, departments, { count: opts.leads ?? 300, now: opts.now ?? new Date(), rng });
  return { logins, departments, sites, leads };
}

type Rng = () => number;

/** Small deterministic PRNG: the same seed, the same demo. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the demo draws with one generator: an element, a yes with probability `p`, a number in [a, b). */
export function drawsOf(rng: Rng) {
  return {
    pick: <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)],
    chance: (p: number) => rng() < p,
    between: (a: number, b: number) => a + rng() * (b - a),
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface PendingHistory extends HistoryChange {
  at: Date;
}

/**
 * Leads over the last 60 days for the given departments. Each is written as the app writes a new lead (writeLead:
 * the same client matching, returning client's owner, columns and creation history) at its moment of arrival;
 * then what happened to it later: assignment by a curator, statuses walked through the pipeline, flags, colours,
 * comments and reminders, each with its history. One transaction: a few hundred leads take well under a few
 * seconds on either database. Answers how many leads were written.
 */
export async function seedLeads(
  deps: Pick<Deps, 'db' | 'config'>,
  departments: DemoDepartment[],
  opts: { count: number; now?: Date; rng?: Rng },
): Promise<number> {
  const rng = opts.rng ?? mulberry32(7);
  const now = opts.now ?? new Date();
  const { pick, chance, between } = drawsOf(rng);
  const cap = (d: Date) => (d.getTime() > now.getTime() ? new Date(now.getTime() - Math.floor(rng() * 5 * MINUTE)) : d);
  const after = (d: Date, minMinutes: number, maxMinutes: number) => cap(new Date(d.getTime() + between(minMinutes, maxMinutes) * MINUTE));
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

  // Moments of arrival: spread over 60 days, more recently, in working hours (Moscow, UTC+3), sorted.
  const arrivals = Array.from({ length: opts.count }, (_, i) => {
    const recentBias = i < Math.min(12, opts.count) ? between(0, 1.5) : 60 * Math.pow(rng(), 1.15);
    const d = new Date(now.getTime() - recentBias * DAY);
    if (recentBias > 1) d.setUTCHours(Math.floor(between(6, 17)), Math.floor(between(0, 60)), Math.floor(between(0, 60)));
    return cap(d);
  }).sort((a, b) => a.getTime() - b.getTime());

  const usedPhones = new Set<string>();
  const knownClients = new Map<number, string[]>(); // departmentId → raw phones of earlier clients, for returning ones
  let soonLeft = 2; // reminders due a few minutes after start: the demo shows a pop-up
  const userNames = new Map<number, string>();
  for (const d of departments) for (const m of d.managers) userNames.set(m.id, m.name);

  await deps.db.transaction(async (tx) => {
    const store = knexLeadStore(tx);
    for (const [i, createdAt] of arrivals.entries()) {
      const dept = departments.length > 1 && chance(0.35) ? departments[1] : departments[0];
      const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
      const earlier = knownClients.get(dept.id) ?? [];
      const returning = earlier.length > 20 && chance(0.12);
      const person = makePerson(pick, chance);
      const rawPhone = returning ? pick(earlier) : chance(0.9) ? uniquePhone(rng, pick, usedPhones, deps.config.defaultCountry) : null;
      const phone = rawPhone ? normalizePhone(rawPhone, deps.config.defaultCountry) : null;
      const email = !phone || chance(0.45) ? `${person.login}${Math.floor(between(1, 999))}@${chance(0.3) && person.organization ? 'corp.ru' : pick(words.EMAIL_DOMAINS)}` : null;

      // A lead typed in by hand is its manager's from the start; a site's goes to a returning client's manager.
      const manual = chance(0.15);
      const madeBy = manual ? pick(dept.managers).id : null;
      const siteHost = dept.name.includes('Moscow') ? 'klimat-msk.ru' : 'klimat-spb.ru';
      const written = await writeLead(store, {
        departmentId: dept.id,
        siteId: manual ? null : dept.siteId,
        source: manual ? 'manual' : 'site',
        createdBy: madeBy,
        client: { fullName: person.fullName, organization: person.organization, phones: phone ? [phone] : [], emails: email ? [email] : [] },
        service: chance(0.85) ? pick(words.SERVICES) : null,
        message: manual ? null : pick(words.MESSAGES) || null,
        pageUrl: manual ? null : `https://${siteHost}/${pick(['', 'kondicionery', 'ventilyaciya', 'servis', 'kontakty', 'akcii'])}`,
        utm: !manual && chance(0.4) ? pick(words.UTM_SOURCES) : null,
        ownerId: manual ? madeBy : undefined,
        at: createdAt,
      });
      if (written.kind !== 'created') throw new Error('a demo lead was replayed instead of created');
      const { leadId, clientId, returningClient } = written.result;
      if (!returningClient) {
        if (rawPhone) knownClients.set(dept.id, [...earlier, rawPhone]);
        await tx('clients')
          .where('id', clientId)
          .update({
            address: chance(0.4) ? `${dept.name.includes('Moscow') ? 'Москва' : 'Санкт-Петербург'}, ${pick(words.STREETS)}, д. ${Math.floor(between(1, 120))}` : null,
            needs: chance(0.3) ? pick(words.SERVICES) : null,
            birthday: chance(0.15) ? `19${Math.floor(between(60, 99))}-${pad(between(1, 13))}-${pad(between(1, 29))}` : null,
          });
      }

      // What happened later. The latest arrivals without an owner wait in the curator's inbox; a curator assigned the others.
      const history: PendingHistory[] = [];
      let ownerId = written.lead.ownerId;
      let assignedAt: Date | null = ownerId === null ? null : createdAt;
      const unassigned = ownerId === null && ageDays < 1.5 && chance(0.7);
      if (ownerId === null && !unassigned) {
        ownerId = pick(dept.managers).id;
        assignedAt = after(createdAt, 2, ageDays < 2 ? 40 : 180);
        history.push({ leadId, actorId: pick(dept.curatorIds), action: 'assigned', field: 'owner', oldValue: null, newValue: userNames.get(ownerId) ?? String(ownerId), at: assignedAt });
      }

      let firstContactAt: Date | null = null;
      let statusChangedAt: Date | null = null;
      let closedAt: Date | null = null;
      let status: LeadStatus = 'new';
      if (ownerId !== null && assignedAt !== null) {
        let t = assignedAt;
        // How far along: older leads had time to move further.
        const reach = Math.min(LEAD_STATUSES.length - 1, Math.floor(ageDays / 5) + 1);
        const stage = Math.floor(Math.pow(rng(), 0.8) * (reach + 1));
        const closing: ClosingStatus | null = ageDays > 3 && chance(0.22) ? pick(CLOSING_STATUSES) : null;
        if (stage > 0 || closing) {
          firstContactAt = after(t, 3, 120);
          t = firstContactAt;
        }
        for (let s = 1; s <= Math.min(stage, LEAD_STATUSES.length - 1); s++) {
          t = after(t, 30, Math.max(60, (ageDays * DAY) / MINUTE / (stage + 2)));
          history.push({ leadId, actorId: ownerId, action: 'status', field: 'status', oldValue: status, newValue: LEAD_STATUSES[s], at: t });
          status = LEAD_STATUSES[s];
          statusChangedAt = t;
        }
        if (closing && status !== 'completed') {
          t = after(t, 60, 3 * 24 * 60);
          history.push({ leadId, actorId: ownerId, action: 'status', field: 'status', oldValue: status, newValue: closing, at: t });
          status = closing;
          statusChangedAt = t;
          closedAt = t;
        }
      }

      const flagged = ownerId !== null && chance(0.1);
      const colour = ownerId !== null && chance(0.35) ? pick(LEAD_COLOURS) : null;
      if (flagged) history.push({ leadId, actorId: ownerId, action: 'field', field: 'flagged', oldValue: false, newValue: true, at: after(assignedAt ?? createdAt, 5, 600) });
      if (colour) history.push({ leadId, actorId: ownerId, action: 'field', field: 'colour', oldValue: null, newValue: colour, at: after(assignedAt ?? createdAt, 5, 600) });

      const comments: { author_id: number; text: string; at: Date }[] = [];
      if (ownerId !== null && firstContactAt) {
        const n = Math.floor(between(0, 4));
        let ct = firstContactAt;
        for (let c = 0; c < n; c++) {
          ct = after(ct, 20, 2 * 24 * 60);
          const text = pick(words.COMMENTS);
          comments.push({ author_id: ownerId, text, at: ct });
          history.push({ leadId, actorId: ownerId, action: 'comment', newValue: text, at: ct });
        }
      }

      const lastChange = history.reduce((m, h) => (h.at > m ? h.at : m), createdAt);
      await tx('leads')
        .where('id', leadId)
        .update({
          owner_id: ownerId,
          status,
          flagged,
          colour,
          version: 1 + history.length,
          updated_at: toDbTime(lastChange),
          assigned_at: assignedAt && toDbTime(assignedAt),
          first_contact_at: firstContactAt && toDbTime(firstContactAt),
          status_changed_at: statusChangedAt && toDbTime(statusChangedAt),
          closed_at: closedAt && toDbTime(closedAt),
        });
      if (comments.length) await tx('lead_comments').insert(comments.map((c) => ({ lead_id: leadId, author_id: c.author_id, text: c.text, created_at: toDbTime(c.at) })));

      // Callback reminders on open leads: most ahead, some done; the first ones pop up minutes after start.
      const open = ownerId !== null && !closedAt && status !== 'completed';
      const soon = open && soonLeft > 0 && i >= arrivals.length - 25;
      if (soon) soonLeft -= 1;
      if (open && (soon || i % 7 === 0 || chance(0.1))) {
        const past = !soon && chance(0.3);
        const dueAt = soon ? new Date(now.getTime() + between(2, 6) * MINUTE) : past ? after(assignedAt ?? createdAt, 60, 5 * 24 * 60) : new Date(now.getTime() + between(1, 7 * 24) * 60 * MINUTE);
        const setAt = past ? after(assignedAt ?? createdAt, 1, 60) : cap(new Date(now.getTime() - between(5, 600) * MINUTE));
        const text = pick(words.REMINDER_TEXTS);
        await tx('reminders').insert({
          lead_id: leadId,
          user_id: ownerId,
          kind: 'callback',
          due_at: toDbTime(dueAt),
          text,
          created_by: ownerId,
          created_at: toDbTime(setAt < createdAt ? createdAt : setAt),
          fired_at: past ? toDbTime(dueAt) : null,
          done_at: past ? toDbTime(after(dueAt, 5, 120)) : null,
        });
        history.push({ leadId, actorId: ownerId, action: 'reminder', field: 'due_at', newValue: `${dueAt.toISOString()} ${text}`, at: setAt < createdAt ? createdAt : setAt });
      }

      // After the creation rows the writer wrote, oldest first.
      history.sort((a, b) => a.at.getTime() - b.at.getTime());
      if (history.length) await tx('lead_history').insert(history.map((h) => historyRow(h, toDbTime(h.at))));
    }
  });
  return arrivals.length;
}

/** A person as they fill in a form: a Russian name (sometimes missing), maybe an organization, a login for an e-mail. */
function makePerson(pick: <T>(l: readonly T[]) => T, chance: (p: number) => boolean) {
  const female = chance(0.5);
  const first = pick(female ? words.FIRST_NAMES_FEMALE : words.FIRST_NAMES_MALE);
  const lastMale = pick(words.LAST_NAMES);
  const last = female ? `${lastMale}а` : lastMale;
  const withPatronymic = chance(0.3);
  const fullName = chance(0.08)
    ? null
    : withPatronymic
      ? `${last} ${first} ${pick(female ? words.PATRONYMICS_FEMALE : words.PATRONYMICS_MALE)}`
      : chance(0.5)
        ? `${first} ${last}`
        : first;
  const form = pick(words.ORG_FORMS);
  const organization = !chance(0.55)
    ? null
    : form === 'ИП'
      ? `ИП ${last} ${first[0]}.`
      : `${form} «${pick(words.ORG_NAMES).replace(/[«»]/g, '')}»`;
  const login = translit(`${first}.${last}`).slice(0, 24);
  return { fullName, organization, login };
}

function translit(s: string): string {
  return [...s.toLowerCase()].map((c) => words.TRANSLIT[c] ?? (/[a-z0-9.]/.test(c) ? c : '')).join('');
}

/** A Russian number as people type it: `8 (916) 123-45-67`, `+7 916 123 45 67`, `9161234567`, a Moscow landline … */
function uniquePhone(rng: Rng, pick: <T>(l: readonly T[]) => T, used: Set<string>, country: string): string {
  for (;;) {
    const code = pick(['916', '926', '903', '905', '915', '925', '977', '985', '999', '921', '911', '931', '495', '499', '812']);
    const n = String(Math.floor(rng() * 1e7)).padStart(7, '0');
    const [a, b, c] = [n.slice(0, 3), n.slice(3, 5), n.slice(5)];
    const formats = [`8 (${code}) ${a}-${b}-${c}`, `+7 ${code} ${a} ${b} ${c}`, `${code}${n}`, `+7(${code})${a}-${b}-${c}`, `8-${code}-${a}-${b}-${c}`, `7${code}${n}`];
    const raw = pick(formats);
    const e164 = normalizePhone(raw, country);
    if (e164 && !used.has(e164)) {
      used.add(e164);
      return raw;
    }
  }
}
