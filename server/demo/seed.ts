import type { Role } from '../api-types.js';
import type { Queryable } from '../db/knex.js';
import type { Deps } from '../deps.js';
import { randomToken } from '../lib/password.js';
import type { SessionUser } from '../http/session-user.js';
import { createDepartment } from '../modules/departments/create-department.js';
import { createSite } from '../modules/sites/create-site.js';
import { createUser } from '../modules/users/create-user.js';
import { mulberry32 } from './random.js';
import { seedLeads, type DemoDepartment } from './seed-leads.js';

export interface DemoLogin {
  role: Role;
  name: string;
  email: string;
  /** null: the director's password was set elsewhere (LEADLINE_ADMIN_PASSWORD or printed at first start). */
  password: string | null;
  department: string | null;
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
    locale: null,
    departmentId: null,
    assistsUserId: null,
  };
  if (director.name === 'Director') await deps.db('users').where('id', director.id).update({ name: 'Елена Викторовна Зайцева', mobile: '+79161110000' });
  logins.push({ role: 'director', name: 'Елена Викторовна Зайцева', email: director.email, password: opts.directorPassword ?? null, department: null });

  const plan = [
    {
      name: 'Отдел продаж — Москва',
      city: 'Москва',
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
      name: 'Отдел продаж — Санкт-Петербург',
      city: 'Санкт-Петербург',
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
    const dept = await createDepartment(deps.db, { name: p.name, phoneNumbers: [...p.phoneNumbers], ringTimeoutSec: 20, routingChain: ['owner', 'owner_mobile', 'ring_group', 'voicemail'] }, deps.config.defaultCountry);
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
    const site = await createSite(deps.db, { name: p.site.name, departmentId: dept.id, allowedOrigins: [...p.site.allowedOrigins], locale: null }, origin, deps.config.defaultLocale);
    sites.push({ id: site.site.id, name: site.site.name, departmentId: dept.id, key: site.key });
    departments.push({ id: dept.id, name: dept.name, city: p.city, siteHost: p.site.name, curatorIds, managers, siteId: site.site.id });
  }

  const leads = await seedLeads(deps, departments, { count: opts.leads ?? 300, now: opts.now ?? new Date(), rng });
  return { logins, departments, sites, leads };
}
