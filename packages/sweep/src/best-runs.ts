import {
  type Expression,
  type RankableMetric,
  SweepSpec,
  type SymbolSummary,
  strategyFileLabel,
  sweptNames,
} from '@fleet/contracts';
import { type Database, findSweep, type Kysely, type RunResult, storedRunOf, topRuns } from '@fleet/db';
import { SweepNotFoundError } from './sweep-not-found-error.js';

/** One ranked run as `fleet sweep results` reports it. */
export type RankedRun = {
  runIndex: number;
  strategy: string;
  /** For a strategy file's run: its file name and short bundle hash (`momentum.ts@1a2b3c4d`). */
  strategyFile: string | null;
  symbol: string;
  /** The universe a portfolio strategy's run traded, null otherwise. */
  universe: string | null;
  params: Record<string, number>;
  /** The run's swept settings, which read like parameters. */
  settings: Record<string, number>;
  /** Whether its result was reused from an identical earlier run. */
  cached: boolean;
  /** A portfolio run's per-symbol contribution, null otherwise. */
  symbolSummary: SymbolSummary[] | null;
} & RunResult;

/**
 * A sweep's best succeeded runs by a metric, filtered in Postgres by `where`, which may name the metrics, `symbol`,
 * `strategy`, `universe` and the sweep's own parameters; any other name is refused with the list of valid ones.
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
  const spec = SweepSpec.parse(row.spec);
  const rows = await topRuns(db, sweepId, {
    by: options.by,
    limit: options.top,
    ...(options.where ? { where: options.where, paramNames: sweptNames(spec) } : {}),
  });
  return rows.map((row) => {
    const { runIndex, strategy, strategyBundle, symbol, universe, params, settings, cached, result, symbolSummary } =
      storedRunOf(row);
    const strategyFile = strategyFileLabel(spec, strategyBundle);
    return { runIndex, strategy, strategyFile, symbol, universe, params, settings, cached, symbolSummary, ...result };
  });
}
