import { listStrategies } from '@fleet/engine';
import type { CliContext } from '../cli-context.js';
import { formatTable, printResult } from '../print-result.js';

/** `fleet strategy list`: every strategy a sweep can name, with its parameters and their docs. */
export async function strategyList(_ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const strategies = listStrategies().map((s) => ({ name: s.name, description: s.description, params: s.params }));
  printResult(options.json === true, { strategies }, () =>
    formatTable(
      ['strategy', 'parameters', 'description'],
      strategies.map((s) => [
        s.name,
        Object.entries(s.params)
          .map(([name, doc]) => `${name}: ${doc}`)
          .join('; '),
        s.description,
      ]),
    ),
  );
}
