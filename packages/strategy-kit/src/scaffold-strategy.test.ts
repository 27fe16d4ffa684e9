import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scaffoldStrategy } from './scaffold-strategy.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scaffold-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(run: () => Promise<unknown>): Promise<{ name: string; code: string; message: string }> {
  try {
    await run();
  } catch (error) {
    return error as { name: string; code: string; message: string };
  }
  throw new Error('expected the scaffold to refuse');
}

describe('scaffoldStrategy', () => {
  it('writes the strategy and its test into a directory it creates, named and exported after the strategy', async () => {
    const target = join(dir, 'strategies');
    const created = await scaffoldStrategy('mean_revert', target);
    expect(created).toEqual({
      name: 'mean_revert',
      strategyFile: join(target, 'mean_revert.ts'),
      testFile: join(target, 'mean_revert.test.ts'),
    });
    const strategy = await readFile(created.strategyFile, 'utf8');
    expect(strategy).toContain("name: 'mean_revert'");
    expect(strategy).toContain('export const meanRevert = defineStrategy(');
    expect(strategy).toContain('registerStrategy(meanRevert);');
    const imports = [...strategy.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports, 'a strategy file may import only the strategy API and zod').toEqual(['@fleet/engine', 'zod']);
    expect(await readFile(created.testFile, 'utf8')).toContain("import { meanRevert } from './mean_revert.js';");
  });

  it('writes nothing when either file already exists, and leaves it as it was', async () => {
    await writeFile(join(dir, 'mine.test.ts'), 'my own test\n');
    const error = await failure(() => scaffoldStrategy('mine', dir));
    expect(error).toMatchObject({ name: 'ScaffoldError', code: 'SCAFFOLD_FILE_EXISTS' });
    expect(error.message).toBe(`${join(dir, 'mine.test.ts')} already exists; nothing was written`);
    expect(await readdir(dir), 'the strategy file is not written beside the existing test').toEqual(['mine.test.ts']);
    expect(await readFile(join(dir, 'mine.test.ts'), 'utf8')).toBe('my own test\n');
  });

  it.each(['MeanRevert', 'mean-revert', '9lives', 'trailing_', 'double__under', '../escape', ''])(
    'refuses %j as a strategy name',
    async (name) => {
      const error = await failure(() => scaffoldStrategy(name, dir));
      expect(error).toMatchObject({ name: 'ScaffoldError', code: 'SCAFFOLD_BAD_NAME' });
      expect(error.message).not.toContain('\n');
      expect(await readdir(dir)).toEqual([]);
    },
  );
});
