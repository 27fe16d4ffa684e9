import { parseExpression } from '@fleet/contracts';
import { type RankableMetric, RankableMetrics, runMetricsOf, topRuns } from '@fleet/db';
import { sweepProgress } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { fmt, formatTable, money, pct, printResult } from '../print-result.js';

/** Metric names `--by` accepts. */
export const metricNames = Object.keys(RankableMetrics) as RankableMetric[];

/** `fleet sweep results ID`: the best runs by a metric, ranked in Postgres. */
export async function results(
  ctx: CliContext,
  sweepId: string,
  options: { top: number; by: RankableMetric; where?: string; json?: boolean },
): Promise<void> {
  await sweepProgress(ctx.db, sweepId);
  const where = options.where ? parseExpression(options.where) : undefined;
  const rows = await topRuns(ctx.db, sweepId, { by: options.by, limit: options.top, ...(where ? { where } : {}) });
  const runs = rows.map((r) => ({
    runIndex: r.run_index,
    strategy: r.strategy,
    symbol: r.symbol,
    params: r.params,
    finalEquity: r.final_equity,
    closedTrades: r.closed_trades,
    winningTrades: r.winning_trades,
    metrics: runMetricsOf(r),
  }));
  printResult(options.json === true, { sweepId, by: options.by, runs }, () =>
    formatTable(
      ['#', 'run', 'symbol', 'strategy', 'params', 'sharpe', 'return', 'max dd', 'trades', 'win', 'final equity'],
      runs.map((r, i) => [
        String(i + 1),
        String(r.runIndex),
        r.symbol,
        r.strategy,
        Object.entries(r.params)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
        fmt(r.metrics.sharpe),
        pct(r.metrics.totalReturn),
        pct(r.metrics.maxDrawdown),
        String(r.closedTrades ?? '-'),
        pct(r.metrics.winRate),
        money(r.finalEquity),
      ]),
    ),
  );
}
