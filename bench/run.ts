import fs from 'node:fs';
import path from 'node:path';
import { benchDir, machine, machineBusyNote } from './lib.js';

/**
 * `npm run bench` runs every benchmark in turn; `npm run bench -- intake` (or list, stats, import, callback, bundle, telephony) runs some.
 * Numbers go to the console and to bench/results/*.json (git-ignored).
 */
type Bench = { name: string; run: () => Promise<unknown> };

const benches: Bench[] = [
  { name: 'intake', run: async () => (await import('./intake.js')).runIntakeBench() },
  { name: 'list', run: async () => (await import('./list.js')).runListBench() },
  { name: 'stats', run: async () => (await import('./stats.js')).runStatsBench() },
  { name: 'import', run: async () => (await import('./import.js')).runImportBench() },
  { name: 'callback', run: async () => (await import('./callback.js')).runCallbackBench() },
  { name: 'bundle', run: async () => (await import('./bundle.js')).runBundleBench() },
  {
    name: 'telephony',
    run: async () => {
      // Written alongside the telephony bridge; skipped until it exists.
      if (!fs.existsSync(path.join(benchDir, 'telephony.ts'))) {
        console.log('\n== telephony: skipped (bench/telephony.ts is not there yet)');
        return;
      }
      const mod = (await import('./telephony.js' as string)) as { runTelephonyBench?: () => Promise<unknown> };
      if (typeof mod.runTelephonyBench !== 'function') {
        console.log('\n== telephony: skipped (bench/telephony.ts does not export runTelephonyBench)');
        return;
      }
      return mod.runTelephonyBench();
    },
  },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !benches.some((b) => b.name === w));
  if (unknown.length) {
    console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${benches.map((b) => b.name).join(', ')})`);
    process.exit(2);
  }
  const m = machine();
  console.log(`Leadline benchmarks on ${m.cpus} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}`);
  let failed = false;
  for (const bench of benches) {
    if (wanted.length && !wanted.includes(bench.name)) continue;
    const note = await machineBusyNote();
    if (note) console.log(`\n${note}`);
    try {
      await bench.run();
    } catch (err) {
      failed = true;
      console.error(`\n!! ${bench.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
