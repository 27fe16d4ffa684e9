import { BarInterval, SymbolName } from '@fleet/contracts';
import { deleteBarSeries } from '@fleet/db';
import { formatIssues } from '@fleet/planning';
import { z } from 'zod';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';

const DeleteDataInput = z.strictObject({
  symbol: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(SymbolName),
  interval: BarInterval.optional(),
  json: z.boolean().optional(),
});

/** `fleet data delete SYMBOL [--interval I]`: removes a stored series, refused while a running sweep uses it. */
export async function deleteData(
  ctx: CliContext,
  symbol: string,
  options: { interval?: string; json?: boolean },
): Promise<void> {
  const parsed = DeleteDataInput.safeParse({ symbol, ...options });
  if (!parsed.success) throw new Error(`invalid input: ${formatIssues(parsed.error.issues).join('; ')}`);
  const deleted = await deleteBarSeries(ctx.db, parsed.data.symbol, parsed.data.interval);
  printResult(options.json === true, { deleted }, () =>
    deleted.map((s) => `deleted ${s.symbol} ${s.interval}: ${s.bars} bars`).join('\n'),
  );
}
