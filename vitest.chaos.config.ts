import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The whole chaos suite: every scenario runs real processes against private Redis and Postgres servers it kills
// and restarts, one file at a time (they are CPU-heavy and time-sensitive).
const config = mergeConfig(
  base,
  defineConfig({ test: { fileParallelism: false, testTimeout: 900_000, hookTimeout: 120_000 } }),
);
// mergeConfig concatenates arrays; the chaos suite replaces the file selection and needs no shared database.
config.test = {
  ...config.test,
  include: ['test/chaos/**/*.test.ts'],
  exclude: ['**/node_modules/**', '**/dist/**'],
  globalSetup: [],
};
export default config;
