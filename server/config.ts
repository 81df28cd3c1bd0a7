import path from 'node:path';
import { z } from 'zod';
import { LOCALES, ROUTING_STEPS, type Locale, type RoutingStep } from './api-types.js';
import { isCurrencyCode } from './lib/currency.js';

/** The only reader of process.env. Every variable is documented in README.md with its default. */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  DEFAULT_COUNTRY: z.string().length(2).default('RU'),
  LEADLINE_ADMIN_EMAIL: z.string().email().default('admin@leadline.local'),
  LEADLINE_ADMIN_PASSWORD: z.string().min(8).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(24 * 30),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: bool.default(false),
  UPLOAD_MAX_MB: z.coerce.number().positive().default(25),
  IMPORT_MAX_MB: z.coerce.number().positive().default(20),
  INTAKE_RATE_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(60),
  LOGIN_ACCOUNT_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  PASSWORD_SCRYPT_N: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 ** 18)
    .refine((n) => (n & (n - 1)) === 0, 'a power of two')
    .default(2 ** 17),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TELEPHONY: z.enum(['off', 'ari', 'simulator']).optional(),
  ARI_URL: z.string().url().optional(),
  ARI_USERNAME: z.string().default('leadline'),
  ARI_PASSWORD: z.string().default(''),
  ARI_APP: z.string().default('leadline'),
  ARI_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  TRUNK_DIAL_TEMPLATE: z.string().default('PJSIP/{number}@trunk'),
  RING_TIMEOUT_SEC: z.coerce.number().int().min(5).max(120).default(20),
  ROUTING_DEADLINE_MS: z.coerce.number().int().positive().default(300),
  ROUTING_CHAIN: z.string().optional(),
  /** The former name of ROUTING_CHAIN (its step `department` is today's `ring_group`). */
  FALLBACK_CHAIN: z.string().optional(),
  PRESENCE_OFFLINE_GRACE_SEC: z.coerce.number().int().min(0).default(60),
  DEFAULT_LOCALE: z.enum(LOCALES).default('ru'),
  ABC_A_PERCENT: z.coerce.number().min(1).max(99).default(75),
  ABC_B_PERCENT: z.coerce.number().min(0).max(98).default(20),
  LOYALTY_LAPSED_DAYS: z.coerce.number().int().min(1).default(365),
  KEEP_IN_TOUCH_QUIET_DAYS: z.coerce.number().int().min(1).default(90),
  KEEP_IN_TOUCH_DAYS_AHEAD: z.coerce.number().int().min(0).max(60).default(3),
  DEFAULT_CURRENCY: z.string().refine(isCurrencyCode, 'an ISO 4217 code such as RUB').default('RUB'),
});

export type Telephony = 'off' | 'ari' | 'simulator';

const DEFAULT_ROUTING_CHAIN = 'owner,owner_mobile,ring_group,voicemail';

/** `owner,ring_group` → the steps; an unknown step stops the start with its name. */
function routingChainOf(raw: string): RoutingStep[] {
  const steps = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = steps.filter((s) => !(ROUTING_STEPS as readonly string[]).includes(s));
  if (unknown.length || steps.length === 0) {
    throw new ConfigError(`Invalid environment:\n  ROUTING_CHAIN: ${unknown.length ? `unknown step ${unknown.join(', ')}` : 'empty'} (steps: ${ROUTING_STEPS.join(', ')})`);
  }
  return steps as RoutingStep[];
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  uploadsDir: string;
  database: { client: 'sqlite'; filename: string } | { client: 'mysql'; url: string };
  defaultCountry: string;
  /** The language of a user who has not chosen one, of the login page, and of sites without their own. */
  defaultLocale: Locale;
  /** Client segments: ABC shares of revenue in percent (A the top `aPercent`, B the next `bPercent`, C the rest), and after how many days without an order a client of three or more orders has lapsed. */
  segments: { abcAPercent: number; abcBPercent: number; lapsedAfterDays: number };
  /** Keep in touch: remind the owner after `quietDays` without an order, and `daysAhead` days before a birthday or an anniversary of the first order. */
  keepInTouch: { quietDays: number; daysAhead: number };
  /** ISO 4217: a deal amount's currency when neither the lead nor its department names one. */
  defaultCurrency: string;
  admin: { email: string; password?: string };
  sessionTtlMs: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  uploadMaxBytes: number;
  /** Largest client list a user may upload for import (bytes). */
  importMaxBytes: number;
  intakeRatePerMinute: number;
  /** Login attempts per address per minute (an office behind one NAT shares it). */
  loginRatePerMinute: number;
  /** Failed login attempts per account (e-mail) per minute, from anywhere. */
  loginAccountRatePerMinute: number;
  /** scrypt's N for new password hashes (OWASP: 2^17); other hashes are redone at their next login. */
  passwordScryptN: number;
  logLevel: string;
  telephony: {
    mode: Telephony;
    ari: { url: string; username: string; password: string; app: string; requestTimeoutMs: number };
    trunkDialTemplate: string;
    ringTimeoutSec: number;
    routingDeadlineMs: number;
    routingChain: RoutingStep[];
    presenceOfflineGraceMs: number;
  };
}

export class ConfigError extends Error {}

/** `defaults` replace the built-in defaults (the demo's simulator and data folder); the environment still wins. */
export function loadConfig(env: Record<string, string | undefined> = process.env, defaults: Record<string, string> = {}): Config {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
  const parsed = EnvSchema.safeParse({ ...defaults, ...given });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.ABC_A_PERCENT + e.ABC_B_PERCENT > 100) throw new ConfigError('Invalid environment:\n  ABC_B_PERCENT: ABC_A_PERCENT + ABC_B_PERCENT must not exceed 100');
  const dataDir = path.resolve(e.DATA_DIR);
  const mode: Telephony = e.TELEPHONY ?? (e.ARI_URL ? 'ari' : 'off');
  if (mode === 'ari' && !e.ARI_URL) throw new ConfigError('Invalid environment:\n  ARI_URL: required when TELEPHONY=ari');
  const database = e.DATABASE_URL
    ? e.DATABASE_URL.startsWith('sqlite:')
      ? { client: 'sqlite' as const, filename: e.DATABASE_URL.slice('sqlite:'.length) }
      : { client: 'mysql' as const, url: e.DATABASE_URL }
    : { client: 'sqlite' as const, filename: path.join(dataDir, 'leadline.sqlite') };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    uploadsDir: path.join(dataDir, 'uploads'),
    database,
    defaultCountry: e.DEFAULT_COUNTRY.toUpperCase(),
    defaultLocale: e.DEFAULT_LOCALE,
    defaultCurrency: e.DEFAULT_CURRENCY,
    segments: { abcAPercent: e.ABC_A_PERCENT, abcBPercent: e.ABC_B_PERCENT, lapsedAfterDays: e.LOYALTY_LAPSED_DAYS },
    keepInTouch: { quietDays: e.KEEP_IN_TOUCH_QUIET_DAYS, daysAhead: e.KEEP_IN_TOUCH_DAYS_AHEAD },
    admin: { email: e.LEADLINE_ADMIN_EMAIL.toLowerCase(), password: e.LEADLINE_ADMIN_PASSWORD },
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    trustProxy: e.TRUST_PROXY,
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    importMaxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024),
    intakeRatePerMinute: e.INTAKE_RATE_PER_MINUTE,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    loginAccountRatePerMinute: e.LOGIN_ACCOUNT_RATE_PER_MINUTE,
    passwordScryptN: e.PASSWORD_SCRYPT_N,
    logLevel: e.LOG_LEVEL,
    telephony: {
      mode,
      ari: {
        url: e.ARI_URL ?? '',
        username: e.ARI_USERNAME,
        password: e.ARI_PASSWORD,
        app: e.ARI_APP,
        requestTimeoutMs: e.ARI_REQUEST_TIMEOUT_MS,
      },
      trunkDialTemplate: e.TRUNK_DIAL_TEMPLATE,
      ringTimeoutSec: e.RING_TIMEOUT_SEC,
      routingDeadlineMs: e.ROUTING_DEADLINE_MS,
      routingChain: routingChainOf(e.ROUTING_CHAIN ?? e.FALLBACK_CHAIN?.replace(/\bdepartment\b/g, 'ring_group') ?? DEFAULT_ROUTING_CHAIN),
      presenceOfflineGraceMs: e.PRESENCE_OFFLINE_GRACE_SEC * 1000,
    },
  };
}

/** For process entry points: the config, or a message naming each bad variable and exit code 2. */
export function loadConfigOrExit(defaults?: Record<string, string>): Config {
  try {
    return loadConfig(process.env, defaults);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
}
