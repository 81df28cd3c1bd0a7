import { loadConfigOrExit } from './config.js';
import { isEmptyForDemo, seedDemo, type DemoSeed } from './demo/seed.js';
import { randomToken } from './lib/password.js';
import { createLogger } from './logger.js';
import { startServer, stopOnSignals } from './server.js';

/**
 * `npm run demo`: Leadline with the simulated phone system and its own data folder, seeded on first start with
 * two sales departments, their people and a few hundred leads. Logins and passwords are printed once.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit({
    TELEPHONY: 'simulator',
    DATA_DIR: './data/demo',
    LEADLINE_ADMIN_EMAIL: 'director@leadline.demo',
    // Used only when the demo database is created; printed with the other logins.
    LEADLINE_ADMIN_PASSWORD: `demo-${randomToken(6)}`,
  });
  const log = createLogger(config.logLevel);
  const running = await startServer(config, { log });
  const shownUrl = `http://localhost:${new URL(running.url).port}`;
  if (await isEmptyForDemo(running.deps.db)) {
    const started = Date.now();
    const seed = await seedDemo(running.deps, { directorPassword: config.admin.password, publicOrigin: shownUrl });
    process.stdout.write(describeSeed(seed, shownUrl, Date.now() - started));
  } else {
    process.stdout.write(`\n  Leadline demo at ${shownUrl} (data in ${config.dataDir}; the logins were printed when it was first seeded).\n\n`);
  }

  stopOnSignals(running, log);
}

function describeSeed(seed: DemoSeed, url: string, ms: number): string {
  const width = Math.max(...seed.logins.map((l) => l.email.length));
  const lines = [
    '',
    `  Leadline demo is ready at ${url}  (${seed.leads} leads seeded in ${ms} ms)`,
    '',
    '  Log in as (shown once; the passwords are not stored anywhere in plain text):',
    ...seed.logins.map(
      (l) => `    ${l.role.padEnd(9)}  ${l.email.padEnd(width)}  ${l.password ?? '(LEADLINE_ADMIN_PASSWORD)'}  ${l.name}${l.department ? ` — ${l.department}` : ''}`,
    ),
    '',
    '  Site keys (for POST /api/intake with X-Site-Key):',
    ...seed.sites.map((s) => `    ${s.name.padEnd(16)} ${s.key}`),
    '',
    '  Department numbers for simulated calls: 4951234567 (Moscow), 8125550000 (St Petersburg).',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

main().catch((err: unknown) => {
  process.stderr.write(`Leadline demo failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
