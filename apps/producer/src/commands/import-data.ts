import { type UpsertBarsResult, upsertBars } from '@fleet/db';
import { readBarsFile } from '@fleet/market-data';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';

/** Options of `fleet data import`. */
export interface ImportDataOptions {
  symbol?: string;
  interval?: string;
  adjusted?: boolean;
  json?: boolean;
}

/**
 * `fleet data import FILE…`: validates every row of each file and writes each file in one transaction, so a bad row
 * leaves the database as it was; re-importing the same file changes nothing.
 */
export async function importData(ctx: CliContext, files: readonly string[], options: ImportDataOptions): Promise<void> {
  if (options.symbol && files.length > 1) throw new Error('--symbol names one symbol, so it takes exactly one FILE');
  const summaries: ({
    file: string;
    symbol: string;
    interval: string;
    layout: string;
    rows: number;
  } & UpsertBarsResult)[] = [];
  for (const file of files) {
    const parsed = await readBarsFile(file, { adjusted: options.adjusted === true });
    const symbol = (options.symbol ?? parsed.symbol).toUpperCase();
    const interval = options.interval ?? parsed.interval;
    const counts = await ctx.db.transaction().execute((trx) => upsertBars(trx, symbol, interval, parsed.bars));
    summaries.push({ file, symbol, interval, layout: parsed.layout, rows: parsed.bars.length, ...counts });
  }
  const totals = summaries.reduce(
    (t, s) => ({
      rows: t.rows + s.rows,
      inserted: t.inserted + s.inserted,
      updated: t.updated + s.updated,
      unchanged: t.unchanged + s.unchanged,
    }),
    { rows: 0, inserted: 0, updated: 0, unchanged: 0 },
  );
  printResult(options.json === true, { files: summaries, ...totals }, () =>
    summaries
      .map(
        (s) =>
          `${s.file}: ${s.symbol} ${s.interval} (${s.layout}) ${s.rows} rows: ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged`,
      )
      .join('\n'),
  );
}
