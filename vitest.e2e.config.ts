import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    // One worker loads the app's modules once for all the journeys (as the unit suite does):
    // each file still starts its own app, database and browser. Loading them for every file
    // took two and a half minutes of the step (QUALITY.md: CI under 20 minutes).
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
