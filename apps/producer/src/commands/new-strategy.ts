import { scaffoldStrategy } from '@fleet/strategy-kit';
import { z } from 'zod';
import { printResult } from '../print-result.js';

/** The options of `fleet strategy new` after commander. */
const NewStrategyOptions = z.strictObject({
  dir: z.string().min(1).default('strategies'),
  json: z.boolean().optional(),
});

/**
 * `fleet strategy new NAME`: scaffolds `NAME.ts` and `NAME.test.ts` in `--dir` (never over an existing file) and
 * says how to test, run and sweep the new strategy.
 */
export async function newStrategy(name: string, raw: z.input<typeof NewStrategyOptions>): Promise<void> {
  const options = NewStrategyOptions.parse(raw);
  const created = await scaffoldStrategy(name, options.dir);
  printResult(options.json === true, created, () =>
    [
      `created ${created.strategyFile}`,
      `created ${created.testFile}`,
      'next:',
      `  test it:   npm run test:strategy -- ${options.dir}`,
      `  run it:    fleet backtest --strategy-file ${created.strategyFile} --data data/samples/orcl-1995-2014.csv`,
      `  sweep it:  strategies: [{ file: ${created.strategyFile}, params: { period: [10, 20, 50] } }]`,
    ].join('\n'),
  );
}
