import { type Expression, type RankableMetric, SweepSpec } from '@fleet/contracts';
import { type Database, findSweep, type Kysely, type RunResult, runResultOf, topRuns } from '@fleet/db';
import { SweepNotFoundError } from './sweep-not-found-error.js';
import { sweepParamNames } from './sweep-param-names.js';

/** One ranked run as `fleet sweep results` reports it. */
export type RankedRun = {
  runIndex: number;
  strategy: string;
  symbol: string;
  params: Record<string, number>;
} & RunResult;

/**
 * A sweep's best succeeded runs by a metric, filtered in Postgres by `where`, which may name the metrics, `symbol`,
 * `strategy` and the sweep's own parameters; any other name is refused with the list of valid ones.
 *
 * @throws {@link SweepNotFoundError}, or an `ExpressionError` for a filter with an unknown name or mixed types
 * @example
 * const runs = await bestRuns(db, sweepId, { by: 'calmar', top: 10, where: parseExpression("symbol = 'ORCL'") });
 */
export async function bestRuns(
  db: Kysely<Database>,
  sweepId: string,
  options: { by: RankableMetric; top: number; where?: Expression },
): Promise<RankedRun[]> {
  const row = await findSweep(db, sweepId);
  if (!row) throw new SweepNotFoundError(sweepId);
  const rows = await topRuns(db, sweepId, {
    by: options.by,
    limit: options.top,
    ...(options.where ? { where: options.where, paramNames: sweepParamNames(SweepSpec.parse(row.spec)) } : {}),
  });
  return rows.map((r) => ({
    runIndex: r.run_index,
    strategy: r.strategy,
    symbol: r.symbol,
    params: r.params,
    ...runResultOf(r),
  }));
}
