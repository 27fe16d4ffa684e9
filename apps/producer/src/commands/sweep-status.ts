import { sweepProgress } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';

/** `fleet sweep status ID`: the sweep's counts as stored in Postgres. */
export async function status(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const p = await sweepProgress(ctx.db, sweepId);
  printResult(options.json === true, p, () => {
    const done = p.succeeded + p.failed;
    const pct = p.total ? ((done / p.total) * 100).toFixed(1) : '100.0';
    return `sweep ${p.sweepId} '${p.name}': ${p.status}, ${done}/${p.total} runs (${pct}%), ${p.succeeded} succeeded (${p.cached} from the result cache), ${p.failed} failed`;
  });
}
