import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import type { Db } from './knex.js';

/** The worker's whole program: plain JavaScript, so it runs the same under tsx and node. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('stopped');
});
`;

const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * SQLite's write-ahead log is folded back into the database by a checkpoint, which fsyncs the file. Left to
 * itself, the connection that commits does it, on the event loop: 7–20 ms on this kind of disk during which no
 * request, live event or call is served. Here a worker thread with its own connection checkpoints every second
 * (PASSIVE: it never blocks the writer or a reader), and the main connection's automatic checkpoint is off. If the
 * worker fails, the automatic checkpoint is turned back on: the log never grows without bound.
 */
export async function startSqliteCheckpointer(db: Db, filename: string, log: Logger, everyMs = 1000): Promise<Checkpointer> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { filename, driver, everyMs } });
  worker.unref();
  let stopping = false;
  const fallBack = (why: string) => {
    if (stopping) return;
    log.warn({ why }, 'SQLite checkpoints are back on the main connection');
    void db.raw(`pragma wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`).catch(() => undefined);
  };
  worker.on('message', (m: unknown) => {
    if (m && typeof m === 'object' && 'error' in m) log.warn({ err: (m as { error: string }).error }, 'SQLite checkpoint failed');
  });
  worker.on('error', (err) => fallBack(err.message));
  worker.on('exit', (code) => fallBack(`checkpoint worker exited (${code})`));
  await db.raw('pragma wal_autocheckpoint = 0');
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      // A last checkpoint and a clean close, given two seconds; then the thread goes either way.
      const stopped = new Promise<void>((resolve) => worker.on('message', (m) => m === 'stopped' && resolve()));
      worker.postMessage('stop');
      await Promise.race([stopped, new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
      await worker.terminate();
    },
  };
}
