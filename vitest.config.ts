import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bin/**/*.test.ts', 'tests/integration/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Processes the tests start (bin/lieudit.js) run the TypeScript sources, not a bundle.
    env: { NODE_ENV: 'test', LIEUDIT_FROM_SOURCE: '1' },
  },
});
