import { type Expression, type RankableMetric, SweepSpec, sweptNames } from '@fleet/contracts';
import { type Database, findSweep, type Kysely, type RunResult, storedRunOf, topRuns } from '@fleet/db';
import { SweepNotFoundError } from './sweep-not-found-error.js';

/** One ranked run as `fleet sweep results` reports it. */
export type RankedRun = {
  runIndex: number;
  strategy: string;
  symbol: string;
  params: Record<string, number>;
  /** The run's swept settings, which read like parameters. */
  settings: Record<string, number>;
  /** Whether its result was reused from an identical earlier run. */
  cached: boolean;
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
    ...(options.where ? { where: options.where, paramNames: sweptNames(SweepSpec.parse(row.spec)) } : {}),
  });
  return rows.map((row) => {
    const { runIndex, strategy, symbol, params, settings, cached, result } = storedRunOf(row);
    return { runIndex, strategy, symbol, params, settings, cached, ...result };
  });
}
