import crypto from 'node:crypto';

/**
 * scrypt's cost for new hashes: OWASP Password Storage Cheat Sheet (2025), "scrypt with a minimum CPU/memory cost
 * parameter of (2^17), a minimum block size of 8 (1024 bytes), and a parallelization parameter of 1" — 128 MiB and
 * a few hundred ms per hash. Stored hashes of other parameters are rehashed at the next login (needsRehash).
 * N follows PASSWORD_SCRYPT_N (config.ts; usePasswordCost), whose default is this one.
 */
export const OWASP_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

/** The parameters new hashes get (read-only outside; set once at start by usePasswordCost). */
export const PASSWORD_PARAMS: { N: number; r: number; p: number } = { ...OWASP_SCRYPT };

/** Sets scrypt's N for new hashes (a power of two, from PASSWORD_SCRYPT_N); the server calls it once at start. */
export function usePasswordCost(N: number): void {
  if (PASSWORD_PARAMS.N === N) return;
  PASSWORD_PARAMS.N = N;
  dummyHash = undefined;
}

/** Above 128 · N · r bytes: what scrypt needs for the largest parameters accepted here (N up to 2^18). */
const MAXMEM = 512 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, length: number, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(password, salt, length, { ...params, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url parts: parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, 32, PASSWORD_PARAMS);
  return ['scrypt', PASSWORD_PARAMS.N, PASSWORD_PARAMS.r, PASSWORD_PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

function paramsOf(stored: string): { N: number; r: number; p: number; salt: string; hash: string } | null {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (kind !== 'scrypt' || !salt || !hash) return null;
  // Within what any hash of ours was made with: a tampered row cannot ask for gigabytes.
  if (!(params.N >= 2 && params.N <= 2 ** 18 && params.r >= 1 && params.r <= 32 && params.p >= 1 && params.p <= 16)) return null;
  return { ...params, salt, hash };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = paramsOf(stored);
  if (!parsed) return false;
  const expected = Buffer.from(parsed.hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(parsed.salt, 'base64url'), expected.length, parsed);
  return crypto.timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with other parameters than PASSWORD_PARAMS (then it is made again at login). */
export function needsRehash(stored: string): boolean {
  const parsed = paramsOf(stored);
  return !parsed || parsed.N !== PASSWORD_PARAMS.N || parsed.r !== PASSWORD_PARAMS.r || parsed.p !== PASSWORD_PARAMS.p;
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a login's password against the account's hash, or — when there is no such account (`stored` undefined)
 * — against a hash of nobody's password made with the same parameters, and answers false: both cost the same
 * scrypt run, so the time of the answer does not tell which e-mails exist.
 */
export async function verifyLoginPassword(password: string, stored: string | undefined): Promise<boolean> {
  if (stored !== undefined) return verifyPassword(password, stored);
  dummyHash ??= hashPassword(randomToken());
  await verifyPassword(password, await dummyHash);
  return false;
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}
