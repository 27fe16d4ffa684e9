import { sweepFailures, sweepProgress } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';
import { reasonLabel } from './sweep-failures.js';

/** Reasons shown on the failures line of `sweep status`; `fleet sweep failures` lists them all. */
const STATUS_REASONS = 3;

/** `fleet sweep status ID`: the sweep's counts as stored in Postgres, and why runs failed when some did. */
export async function status(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const p = await sweepProgress(ctx.db, sweepId);
  const failures = p.failed > 0 ? (await sweepFailures(ctx.db, sweepId)).reasons : [];
  printResult(options.json === true, { ...p, failures }, () => {
    const done = p.succeeded + p.failed;
    const pct = p.total ? ((done / p.total) * 100).toFixed(1) : '100.0';
    const line = `sweep ${p.sweepId} '${p.name}': ${p.status}, ${done}/${p.total} runs (${pct}%), ${p.succeeded} succeeded (${p.cached} from the result cache), ${p.failed} failed`;
    if (failures.length === 0) return line;
    const shown = failures
      .slice(0, STATUS_REASONS)
      .map((r) => `${r.runs} ${reasonLabel(r)} (e.g. run ${r.exampleRuns[0]}: ${r.message})`);
    const more = failures.length > STATUS_REASONS ? `; ${failures.length - STATUS_REASONS} more reasons` : '';
    return `${line}\nfailures: ${shown.join('; ')}${more} (details: fleet sweep failures ${p.sweepId})`;
  });
}
