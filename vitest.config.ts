import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    testTimeout: 120_000,
    pool: 'forks',
    // a temporary root per run, removed at its end (test/util/tempRoot.ts)
    globalSetup: ['test/util/tempRoot.ts'],
  },
});
