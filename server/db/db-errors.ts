/**
 * What a database error means for the request that met it. Codes are the drivers' own: mysql2 passes MariaDB's
 * (https://mariadb.com/kb/en/mariadb-error-codes/) and Node's socket errors, better-sqlite3 SQLite's extended
 * result codes (https://www.sqlite.org/rescode.html), knex its own KnexTimeoutError for a pool that gives nothing.
 */

/** The transaction lost a lock race and was rolled back whole: running it again is safe and usually succeeds. */
export function isLockConflict(err: unknown): boolean {
  const e = err as { code?: string; errno?: number } | null;
  if (!e) return false;
  return (
    e.code === 'ER_LOCK_DEADLOCK' || // 1213
    e.code === 'ER_LOCK_WAIT_TIMEOUT' || // 1205
    e.errno === 1213 ||
    e.errno === 1205 ||
    e.code === 'SQLITE_BUSY' ||
    e.code === 'SQLITE_BUSY_SNAPSHOT' ||
    e.code === 'SQLITE_LOCKED'
  );
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR', // too many connections
  'ER_SERVER_SHUTDOWN', // 1053: the server is shutting down
  'ER_SERVER_GONE_ERROR',
  'ER_SERVER_LOST',
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_READONLY',
]);

/**
 * The database is down, restarting, unreachable or full: the request's data was not stored, and asking again in
 * a moment may work. Not for a request the database refused on its merits (a constraint, a bad value).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; fatal?: boolean; message?: string } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'KnexTimeoutError') return true; // no connection from the pool in time
  if (typeof e.code === 'string' && (UNREACHABLE_CODES.has(e.code) || e.code.startsWith('SQLITE_IOERR'))) return true;
  // mysql2 marks errors that broke the connection itself as fatal.
  if (e.fatal === true && typeof e.code === 'string' && !e.code.startsWith('ER_PARSE')) return true;
  return typeof e.message === 'string' && /Can't add new command when connection is in closed state|Connection lost|Pool is closed/i.test(e.message);
}
