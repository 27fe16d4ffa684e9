import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The whole chaos suite: every scenario runs real processes against private Redis and Postgres servers it kills
// and restarts, one file at a time (they are CPU-heavy and time-sensitive).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/chaos/**/*.test.ts'],
      exclude: ['**/node_modules/**', '**/dist/**'],
      globalSetup: [],
      fileParallelism: false,
      testTimeout: 600_000,
      hookTimeout: 120_000,
    },
  }),
);
