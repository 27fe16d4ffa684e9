import { defineConfig } from 'vitest/config';

// Runs the engine's tests on their own (`vitest run --config packages/engine/vitest.config.ts`): the engine needs no
// Redis or Postgres, so it skips the repository-wide global setup that provisions them.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
