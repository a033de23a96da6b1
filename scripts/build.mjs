/**
 * `npm run build` (also run by `npm ci` / `npm install` through "prepare", and by bin/lieudit.js
 * when dist/ is missing or older than the sources): bundles the command line and the server
 * into dist/ with esbuild, so that `npm start` and `npx lieudit` run plain JavaScript instead
 * of compiling TypeScript in memory with tsx (QUALITY.md B6: idle memory, cold start).
 *
 * - Packages stay in node_modules (external): native modules (better-sqlite3, argon2) and
 *   packages that read their own files at run time (pdfkit's fonts) keep working unchanged.
 * - Files our sources read next to themselves — `readFileSync(new URL('./x', import.meta.url),
 *   'utf8')`: stylesheets, the favicon, a JSON-LD context — are inlined as strings, because the
 *   bundle does not live where the sources do. Any other `new URL(…, import.meta.url)` in our
 *   sources stops the build: it would point nowhere once bundled.
 * - Dynamic imports stay lazy (code splitting), so `lieudit --help` does not load the server.
 * The bundle is written to a temporary folder and then swapped in, so a process starting at
 * the same moment never sees half a build.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
const STAMP = 'build-stamp.json';

const SIBLING_READ = /readFileSync\(new URL\('([^']+)', import\.meta\.url\), 'utf8'\)/g;
const ANY_RELATIVE_URL = /new URL\([^)]*import\.meta\.url\)/;

/** An esbuild plugin that replaces reads of sibling files by their contents. */
const inlineSiblingFiles = {
  name: 'inline-sibling-files',
  setup(build) {
    build.onLoad({ filter: /[\\/](src|bin)[\\/].*\.tsx?$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const watchFiles = [];
      const contents = source.replace(SIBLING_READ, (_match, relative) => {
        const file = resolve(dirname(args.path), relative);
        watchFiles.push(file);
        return JSON.stringify(readFileSync(file, 'utf8'));
      });
      if (ANY_RELATIVE_URL.test(contents)) {
        return { errors: [{ text: `${args.path} : « new URL(…, import.meta.url) » ne pourrait pas être résolu depuis dist/ (seuls readFileSync(new URL('…', import.meta.url), 'utf8') sont intégrés).` }] };
      }
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts', watchFiles };
    });
  },
};

/**
 * Packages bundled in rather than loaded from node_modules: pure ES module libraries made of
 * hundreds of small files (Kysely: ~290), whose per-module cost in memory and start time the
 * bundle saves. Only packages that no external package imports too (one copy in memory).
 */
const BUNDLED = new Set(['kysely', 'uuid', '@date-fns/tz']);

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every other package stays in node_modules: native modules, packages reading their own files. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.has(packageName(args.path)) ? undefined : { path: args.path, external: true }));
  },
};

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const staging = `${DIST}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: ROOT,
    entryPoints: { lieudit: 'bin/lieudit.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
    tsconfig: join(ROOT, 'tsconfig.json'),
    plugins: [inlineSiblingFiles, externalPackages],
  });
  writeFileSync(join(staging, STAMP), JSON.stringify({ builtAt: new Date().toISOString() }) + '\n');
  rmSync(DIST, { recursive: true, force: true });
  try {
    renameSync(staging, DIST);
  } catch (error) {
    // Another process built at the same moment and won the swap: its bundle is as good.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(DIST, 'lieudit.js'))) throw error;
  }
}

/** The newest modification time among the files the bundle is made of. */
function newestSource(dir, newest = 0) {
  for (const entry of readdirSyncSafe(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(path, newest);
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function readdirSyncSafe(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** True when dist/ is missing or older than a source file (a checkout that moved on). */
export function isStale() {
  const stamp = join(DIST, STAMP);
  if (!existsSync(stamp) || !existsSync(join(DIST, 'lieudit.js'))) return true;
  const builtAt = statSync(stamp).mtimeMs;
  return Math.max(newestSource(join(ROOT, 'src')), mtime(join(ROOT, 'bin', 'lieudit.ts')), mtime(join(ROOT, 'package.json'))) > builtAt;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await build();
  console.log(`dist/ construit en ${Math.round(performance.now() - started)} ms`);
}
