#!/usr/bin/env -S node --max-semi-space-size=4
// --max-semi-space-size=4: a young generation of 4 MB instead of V8's 16 MB saves ~20 MB of idle
// memory (QUALITY.md B6: < 150 MB) for a few more, short, collections under load. It must be
// given to node itself (too late once running): the shebang does for `npx lieudit`, and
// `npm start` passes it too.
// Entry point declared in package.json "bin" (`npx lieudit …`, `npm start`). It runs the
// bundle in dist/ (plain JavaScript: less memory, faster start than compiling TypeScript at
// run time). `npm ci` builds it ("prepare"); when it is missing or older than the sources, it
// is built here first (a third of a second). If it cannot be built, or with
// LIEUDIT_FROM_SOURCE=1 (the tests: they exercise the sources), the TypeScript sources run
// through tsx instead.
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code between starts (in the system's temporary
// folder): a restart skips most of the compilation of the bundle and its packages (about 80 ms
// of a 600 ms start measured on Node 24, the Docker image's). Node 20 has no such cache.
module.enableCompileCache?.();

const fromSource = process.env.LIEUDIT_FROM_SOURCE === '1';

async function runBundle() {
  const { build, isStale } = await import('../scripts/build.mjs');
  if (isStale()) {
    try {
      await build();
    } catch (error) {
      console.error(`Lieudit : la version compilée (dist/) n’a pas pu être construite ; démarrage depuis les sources TypeScript, plus lent et plus gourmand en mémoire. Cause : ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }
  await import('../dist/lieudit.js');
  return true;
}

if (fromSource || !(await runBundle())) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./lieudit.ts');
}
