import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source through the `@fleet/source` export condition,
// so a test run never depends on a stale `dist/`. Spawned app processes run the built output.
export default defineConfig({
  resolve: { conditions: ['@fleet/source'] },
  ssr: { resolve: { conditions: ['@fleet/source'] } },
  test: {
    include: ['{apps,packages}/*/src/**/*.test.ts', '{apps,packages}/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/chaos/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
