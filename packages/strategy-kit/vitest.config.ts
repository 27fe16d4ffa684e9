import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('../', import.meta.url));

/**
 * Runs strategy tests (`npm run test:strategy -- strategies`): every `*.test.ts` under the `--dir` given, with the
 * workspace packages read from source, so a strategy's test needs neither a build nor the database and Redis the
 * repository's own suite sets up.
 */
export default defineConfig({
  resolve: {
    alias: readdirSync(packagesDir)
      .filter((name) => name !== 'tsconfig')
      .map((name) => ({ find: new RegExp(`^@fleet/${name}$`), replacement: `${packagesDir}${name}/src/index.ts` })),
  },
  test: { include: ['**/*.test.ts'], exclude: ['**/node_modules/**', '**/dist/**'] },
});
