import { listBarSeries } from '@fleet/db';
import type { CliContext } from '../cli-context.js';
import { formatTable, printResult } from '../print-result.js';

/** A bar time for a table cell: the date alone for daily and longer bars, minutes included for intraday ones. */
const formatTime = (iso: string, interval: string): string =>
  /[dwM]$/.test(interval) ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');

/** `fleet data list`: one line per stored symbol and interval, with its bars, range and data version. */
export async function listData(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const series = await listBarSeries(ctx.db);
  printResult(options.json === true, { series }, () =>
    series.length === 0
      ? 'no bars stored; import some with: fleet data import FILE…'
      : formatTable(
          ['symbol', 'interval', 'bars', 'from', 'to', 'data version'],
          series.map((s) => [
            s.symbol,
            s.interval,
            String(s.bars),
            formatTime(s.from, s.interval),
            formatTime(s.to, s.interval),
            s.dataVersion,
          ]),
        ),
  );
}
