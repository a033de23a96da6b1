import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bin/**/*.test.ts', 'tests/integration/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    // Each worker loads the app's modules once for all its files rather than once per file:
    // loading took more time than the tests themselves (QUALITY.md: CI under 20 minutes). Every
    // file still builds its own app over its own database; what our modules keep between apps
    // is fixed data (communes, holidays, time offsets, drawn charts) or keyed by the app's own
    // database (platform/tenancy.ts).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Processes the tests start (bin/lieudit.js) run the bundle in dist/, as production does,
    // built from the current sources by the global setup (2-3 times faster to start than
    // compiling TypeScript with tsx in every process). The tsx fallback keeps its own test
    // (shuttle.api.test.ts runs `plan-tour` with LIEUDIT_FROM_SOURCE=1).
    env: { NODE_ENV: 'test' },
  },
});
