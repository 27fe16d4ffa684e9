import {
  type Expression,
  type MetricName,
  MetricNames,
  MetricTable,
  parseExpression,
  type RankableMetric,
  RankableMetrics,
} from '@fleet/contracts';
import { bestRuns, type RankedRun, rowValidation, sweepProgress } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { fmt, formatSymbolSummary, formatTable, money, pct, printResult } from '../print-result.js';

/** Metric names `--by` accepts. */
export const metricNames: readonly RankableMetric[] = RankableMetrics;

/** The metrics the results table shows: the headline ones and the one it ranks by, in table order. */
export function resultColumns(by: RankableMetric): MetricName[] {
  return MetricNames.filter((n) => MetricTable[n].headline || n === by);
}

function cellOf(run: RankedRun, name: MetricName): string {
  const { source, format } = MetricTable[name];
  const values: Readonly<Record<string, unknown>> = source === 'ledger' ? run : run.metrics;
  const value = values[name];
  if (value === null || value === undefined) return '-';
  if (format === 'percent') return pct(value as number);
  if (format === 'number') return fmt(value as number);
  if (format === 'money') return money(String(value));
  return String(value);
}

function parseWhere(text: string | undefined): Expression | undefined {
  try {
    return text === undefined ? undefined : parseExpression(text);
  } catch (error) {
    throw new Error(`--where: ${(error as Error).message}`);
  }
}

/** Each listed portfolio run's per-symbol contribution, under the table. */
function symbolSummaries(runs: readonly RankedRun[]): string {
  const portfolio = runs.filter((r) => r.symbolSummary !== null);
  if (portfolio.length === 0) return '';
  return portfolio
    .map((r) => `\n\nrun ${r.runIndex} (${r.universe}) per symbol\n${formatSymbolSummary(r.symbolSummary ?? [])}`)
    .join('');
}

/** `fleet sweep results ID`: the best runs by a metric, ranked in Postgres. */
export async function results(
  ctx: CliContext,
  sweepId: string,
  options: { top: number; by: RankableMetric; where?: string; json?: boolean },
): Promise<void> {
  const where = parseWhere(options.where);
  const runs = await bestRuns(ctx.db, sweepId, { by: options.by, top: options.top, ...(where ? { where } : {}) }).catch(
    (error: Error) => {
      throw error.name === 'ExpressionError' ? new Error(`--where: ${error.message}`) : error;
    },
  );
  const { cached, succeeded } = await sweepProgress(ctx.db, sweepId);
  const columns = resultColumns(options.by);
  const top = runs[0];
  const validation = top ? await rowValidation(ctx.db, sweepId, top) : null;
  // Only a portfolio sweep's table has a universe column.
  const portfolio = runs.some((r) => r.universe != null);
  const header = top
    ? `best row ${top.runIndex}: DSR ${fmt(validation?.dsr, 3)}, PBO ${fmt(validation?.pbo, 3)} over its group's ${validation?.trials} trials (${top.strategy} on ${top.symbol}; fleet sweep validation for every group)\n`
    : '';
  printResult(
    options.json === true,
    { sweepId, by: options.by, cached, best: validation, runs },
    () =>
      `${header}${cached} of ${succeeded} succeeded runs came from the result cache\n${formatTable(
        [
          '#',
          'run',
          'symbol',
          ...(portfolio ? ['universe'] : []),
          'strategy',
          'params',
          ...columns.map((n) => MetricTable[n].label.toLowerCase()),
          'cached',
        ],
        runs.map((r, i) => [
          String(i + 1),
          String(r.runIndex),
          r.symbol,
          ...(portfolio ? [r.universe ?? ''] : []),
          r.strategyFile ? `${r.strategy} (${r.strategyFile})` : r.strategy,
          Object.entries({ ...r.params, ...r.settings })
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
          ...columns.map((n) => cellOf(r, n)),
          r.cached ? 'yes' : '',
        ]),
      )}${symbolSummaries(runs)}`,
  );
}
