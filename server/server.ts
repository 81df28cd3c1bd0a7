import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createDb, migrate } from './db/knex.js';
import { startSqliteCheckpointer } from './db/sqlite-checkpointer.js';
import type { Deps } from './deps.js';
import { jobs } from './jobs/index.js';
import { startJobs } from './jobs/registry.js';
import { createLogger, type Logger } from './logger.js';
import { usePasswordCost } from './lib/password.js';
import { bootstrapAdmin } from './modules/auth/bootstrap-admin.js';
import { createIntakeHandler, isIntakeUrl } from './modules/intake/intake.http.js';
import { PresenceService } from './modules/presence/presence.service.js';
import { Realtime } from './realtime/realtime.js';
import { roomsOf } from './modules/leads/leads.policy.js';
import { createTelephony } from './telephony/create-telephony.js';

export interface RunningServer {
  url: string;
  deps: Deps;
  server: http.Server;
  close(): Promise<void>;
}

/** Builds every dependency, migrates, listens. Used by index.ts, the demo, tests and benchmarks alike. */
export async function startServer(config: Config, opts: { log?: Logger; jobs?: boolean } = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.logLevel);
  usePasswordCost(config.passwordScryptN);
  const db = createDb(config.database, log);
  await migrate(db);
  const { database } = config;
  const checkpointer = database.client === 'sqlite' && database.filename !== ':memory:' ? await startSqliteCheckpointer(db, database.filename, log) : null;
  await bootstrapAdmin(db, log, config.admin);
  const realtime = new Realtime(db, log, roomsOf);
  const presence = new PresenceService(db, realtime, config.telephony.presenceOfflineGraceMs, log);
  presence.start();
  const deps: Deps = { config, db, log, realtime, presence, telephony: undefined as never };
  deps.telephony = createTelephony(deps);
  const app = createApp(deps);
  // Websites' requests take their own door (plain node:http, cross-origin, keyed by site); everything else is express.
  const intake = createIntakeHandler(deps);
  const server = http.createServer((req, res) => (isIntakeUrl(req.url) ? intake.handle(req, res) : app(req, res)));
  realtime.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const scheduler = opts.jobs === false ? null : startJobs(deps, jobs);
  await deps.telephony.start();
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, database: config.database.client, telephony: config.telephony.mode }, 'Leadline is listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    deps,
    server,
    close: () =>
      (closing ??= (async () => {
        await scheduler?.stop();
        await deps.telephony.stop();
        await presence.stop();
        intake.close();
        server.closeAllConnections();
        await realtime.close();
        await checkpointer?.stop();
        await db.destroy();
      })()),
  };
}

/** Closes the server cleanly on SIGINT / SIGTERM, then exits (index.ts and the demo). */
export function stopOnSignals(running: RunningServer, log: Logger): void {
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
