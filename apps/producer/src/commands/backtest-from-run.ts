import { shortBundleHash } from '@fleet/contracts';
import { findStrategyBundle, runResultOf } from '@fleet/db';
import { replayRun, resolveSweepId } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { money, printResult } from '../print-result.js';

/**
 * `fleet backtest --from-run SWEEP:RUN`: recomputes a stored run locally with the same bars, settings and strategy
 * (a strategy file's very bundle, by its stored hash) and says whether it reproduces the stored final equity.
 */
export async function backtestFromRun(ctx: CliContext, target: string, options: { json?: boolean }): Promise<void> {
  const parts = /^([0-9a-f-]+):(\d+)$/i.exec(target);
  if (!parts) throw new Error(`--from-run: '${target}' must be SWEEP_ID:RUN_INDEX, e.g. 3f2a9c1e:17`);
  const sweepId = await resolveSweepId(ctx.db, parts[1] as string);
  const replay = await replayRun(ctx.db, sweepId, Number(parts[2]), { bundleDir: ctx.env.FLEET_BUNDLE_DIR });
  const { run } = replay;
  const file = run.strategy_bundle ? await findStrategyBundle(ctx.db, run.strategy_bundle) : undefined;
  const origin = file ? ` (${file.fileName}@${shortBundleHash(file.hash)})` : '';
  printResult(
    options.json === true,
    {
      sweepId,
      runIndex: run.run_index,
      strategy: run.strategy,
      ...(file ? { strategyFile: file.fileName, strategyBundle: file.hash } : {}),
      symbol: run.symbol,
      params: run.params,
      finalEquity: replay.finalEquity,
      storedFinalEquity: runResultOf(run).finalEquity,
      reproduced: replay.reproduced,
    },
    () =>
      [
        `run ${run.run_index} of sweep ${sweepId}: ${run.strategy}${origin} ${JSON.stringify(run.params)} on ${run.symbol}`,
        `final equity   ${money(replay.finalEquity)} (stored ${money(runResultOf(run).finalEquity)}: ${replay.reproduced ? 'reproduced' : 'DIFFERENT'})`,
      ].join('\n'),
  );
}
