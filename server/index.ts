import { loadConfigOrExit } from './config.js';
import { createLogger } from './logger.js';
import { startServer, stopOnSignals } from './server.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.logLevel);
  const running = await startServer(config, { log });
  stopOnSignals(running, log);
}

main().catch((err: unknown) => {
  process.stderr.write(`Leadline failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
