import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { benchDir, heading, report, writeResults } from './lib.js';

/**
 * The web app's first load: builds it (`npm run build:web`), then adds up, gzipped (level 9, as a server would send
 * it), what a browser fetches before the first screen: the entry chunk and every chunk it imports statically, their
 * CSS, and the first language's catalogues (Russian: `web/src/i18n/i18n.ts` imports them before the first render).
 * Pages loaded on demand (Reports with its charts, clients, duplicates) are listed apart. Target: ≤ 200 KB.
 */

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const TARGET_KB = 200;

export async function runBundleBench(): Promise<Record<string, unknown>> {
  heading('bundle: the web app’s first load, gzip');
  const root = path.join(benchDir, '..');
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
  const dist = path.join(root, 'web', 'dist');
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

  // The entry and its static imports, with their CSS.
  const initial = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const css of chunk.css ?? []) initial.add(css);
    for (const k of chunk.imports ?? []) walk(k);
  };
  const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  for (const k of entries) walk(k);
  // The first screen's language: the Russian catalogues, loaded before the first render.
  for (const k of Object.keys(manifest)) if (/(^|\/)(locales\/ru\.json|locales\/ru\/labels\.json)$/.test(k)) walk(k);

  const sizes: Record<string, number> = {};
  for (const file of [...initial].sort()) sizes[file] = gz(file);
  for (const [file, bytes] of Object.entries(sizes)) report(`first load: ${file}`, kb(bytes));
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const lazy: Record<string, number> = {};
  for (const chunk of Object.values(manifest)) if (chunk.isDynamicEntry && !initial.has(chunk.file) && !/locales/.test(chunk.src ?? '')) lazy[chunk.src ?? chunk.file] = gz(chunk.file);
  for (const [src, bytes] of Object.entries(lazy)) report(`on demand: ${src}`, kb(bytes));
  report('first load in all', kb(total), { text: `≤ ${TARGET_KB} KB`, pass: total <= TARGET_KB * 1024 });
  const out = { firstLoadBytes: total, files: sizes, onDemand: lazy };
  console.log(`  results: ${writeResults('bundle', out)}`);
  return out;
}
