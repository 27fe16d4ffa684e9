import { defineConfig } from 'vitest/config';

// Runs the validation statistics on their own (`vitest run --config packages/validation/vitest.config.ts`): they are
// pure math and need no Redis or Postgres, so they skip the repository-wide global setup that provisions them.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
