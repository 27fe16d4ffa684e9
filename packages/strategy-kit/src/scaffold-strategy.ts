import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScaffoldError, ScaffoldErrorCode } from './scaffold-error.js';
import { identifierOf } from './strategy-name.js';
import { strategyTemplate } from './strategy-template.js';
import { strategyTestTemplate } from './strategy-test-template.js';

/** The files {@link scaffoldStrategy} wrote. */
export interface ScaffoldedStrategy {
  /** The strategy's name, as sweeps and `--strategy` name it. */
  readonly name: string;
  /** `DIR/NAME.ts`, as given (relative paths stay relative). */
  readonly strategyFile: string;
  /** `DIR/NAME.test.ts`. */
  readonly testFile: string;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Writes a typed strategy file `NAME.ts` and its vitest test `NAME.test.ts` into `directory` (created if missing),
 * for `fleet strategy new`. Never overwrites: when either file exists nothing is written, since a scaffold over a
 * strategy someone edited would destroy their work.
 *
 * @throws {@link ScaffoldError} `SCAFFOLD_BAD_NAME` or `SCAFFOLD_FILE_EXISTS`, naming the name or the file
 * @example
 * await scaffoldStrategy('mean_revert', 'strategies'); // { strategyFile: 'strategies/mean_revert.ts', … }
 */
export async function scaffoldStrategy(name: string, directory: string): Promise<ScaffoldedStrategy> {
  const identifier = identifierOf(name);
  const strategyFile = join(directory, `${name}.ts`);
  const testFile = join(directory, `${name}.test.ts`);
  for (const file of [strategyFile, testFile]) {
    if (await exists(file)) {
      throw new ScaffoldError(ScaffoldErrorCode.fileExists, `${file} already exists; nothing was written`);
    }
  }
  await mkdir(directory, { recursive: true });
  // `wx` fails rather than overwrite a file that appeared since the check.
  await writeFile(strategyFile, strategyTemplate(name, identifier), { flag: 'wx' });
  await writeFile(testFile, strategyTestTemplate(name, identifier), { flag: 'wx' });
  return { name, strategyFile, testFile };
}
