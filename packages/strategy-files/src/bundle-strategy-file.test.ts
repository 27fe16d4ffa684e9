import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleStrategyFile } from './bundle-strategy-file.js';
import { MAX_BUNDLE_BYTES } from './strategy-bundle.js';

const strategy = (
  threshold: number,
  extraImport = '',
) => `import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';
import { scale } from './lib/scale.js';
${extraImport}
registerStrategy(defineStrategy({
  name: 'probe', description: 'd', params: z.strictObject({ period: z.number().int().positive().default(10) }),
  paramDocs: { period: 'p' }, create: () => ({ onBar() { void scale(${threshold}); } }),
}));
`;

/** Writes a strategy file with one relative import into a fresh folder and returns the file's path. */
async function project(code: string, lib = 'export const scale = (x: number): number => x * 2;\n') {
  const dir = await mkdtemp(join(tmpdir(), 'strategy-file-'));
  await mkdir(join(dir, 'lib'));
  await writeFile(join(dir, 'lib', 'scale.ts'), lib);
  await writeFile(join(dir, 'probe.ts'), code);
  return join(dir, 'probe.ts');
}

describe('bundleStrategyFile', () => {
  it('inlines relative imports and keeps only the engine and zod as imports', async () => {
    const bundle = await bundleStrategyFile(await project(strategy(1)));
    expect(bundle.fileName).toBe('probe.ts');
    expect(bundle.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle.bundle).toContain('x * 2');
    const imports = [...bundle.bundle.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    expect(imports.sort()).toEqual(['@fleet/engine', 'zod']);
    expect(bundle.source).toBe(strategy(1));
  });

  it('gives the same hash for the same files anywhere, and a new one for any edit, even in an imported file', async () => {
    const a = await bundleStrategyFile(await project(strategy(1)));
    const b = await bundleStrategyFile(await project(strategy(1)));
    expect(b.hash, 'the folder it lives in is not part of the bundle').toBe(a.hash);
    expect((await bundleStrategyFile(await project(strategy(2)))).hash).not.toBe(a.hash);
    const lib = 'export const scale = (x: number): number => x * 3;\n';
    expect((await bundleStrategyFile(await project(strategy(1), lib))).hash).not.toBe(a.hash);
  });

  it.each([
    ["import { readFileSync } from 'node:fs';\nvoid readFileSync;", 'node:fs'],
    ["import Decimal from 'decimal.js';\nvoid Decimal;", 'decimal.js'],
    [
      "import { loadStrategyModules } from '@fleet/engine/plugins';\nvoid loadStrategyModules;",
      '@fleet/engine/plugins',
    ],
    ["const z2 = await import('zod');", 'zod'],
  ])('refuses %s, naming the import and the file', async (line, specifier) => {
    const path = await project(strategy(1, line));
    await expect(bundleStrategyFile(path)).rejects.toMatchObject({
      name: 'ForbiddenImportError',
      specifier,
      message: expect.stringContaining(`probe.ts: imports '${specifier}'`),
    });
  });

  it('names the imported file that has a forbidden import', async () => {
    const path = await project(strategy(1), "import 'node:child_process';\nexport const scale = (x: number) => x;\n");
    await expect(bundleStrategyFile(path)).rejects.toMatchObject({
      importer: expect.stringMatching(/lib\/scale\.ts$/),
      specifier: 'node:child_process',
    });
  });

  it('refuses a file that does not compile or cannot be read, in one line naming it', async () => {
    const broken = await project('export const = ;\n');
    await expect(bundleStrategyFile(broken)).rejects.toMatchObject({
      name: 'StrategyFileError',
      message: expect.stringMatching(/probe\.ts: does not compile: .*probe\.ts:1: /),
    });
    await expect(bundleStrategyFile('/nonexistent/x.ts')).rejects.toMatchObject({ name: 'StrategyFileError' });
  });

  it('refuses a bundle over 1 MiB', async () => {
    const big = `${strategy(1)}export const blob = ${JSON.stringify('x'.repeat(MAX_BUNDLE_BYTES / 2))};\nexport const blob2 = ${JSON.stringify('y'.repeat(MAX_BUNDLE_BYTES / 2))};\n`;
    await expect(bundleStrategyFile(await project(big))).rejects.toMatchObject({ name: 'BundleTooLargeError' });
  });
});
