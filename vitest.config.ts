import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
// Tests import workspace packages from source, so a test run never depends on a stale `dist/`;
// spawned app processes run the built output, as they do in production.
const sourceAliases = readdirSync(packagesDir)
  .filter((name) => name !== 'tsconfig')
  .map((name) => ({ find: new RegExp(`^@fleet/${name}$`), replacement: `${packagesDir}${name}/src/index.ts` }));
sourceAliases.unshift(
  { find: /^@fleet\/engine\/plugins$/, replacement: `${packagesDir}engine/src/plugins.ts` },
  { find: /^@fleet\/contracts\/metric-table$/, replacement: `${packagesDir}contracts/src/metric-table.ts` },
);

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    // The fastest chaos scenarios (test/chaos/ci) run with every test; the whole suite runs with `npm run test:chaos`.
    include: ['{apps,packages}/*/src/**/*.test.ts', '{apps,packages}/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/chaos/scenarios/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
