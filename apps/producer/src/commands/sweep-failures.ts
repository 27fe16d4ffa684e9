import type { FailureReason } from '@fleet/db';
import { sweepFailures } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { formatTable, printResult } from '../print-result.js';

/** One reason as a person reads it: `ConfigError/INVALID_PARAMS`, or the one that is set. */
export const reasonLabel = (r: FailureReason): string =>
  [r.name, r.code].filter((s) => s !== '').join('/') || 'unknown';

/** `fleet sweep failures ID`: why runs failed, each reason with its count, an example message and example runs. */
export async function failures(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const f = await sweepFailures(ctx.db, sweepId);
  printResult(options.json === true, f, () =>
    f.failed === 0
      ? `sweep ${f.sweepId} '${f.name}': no failed runs`
      : [
          `sweep ${f.sweepId} '${f.name}': ${f.failed} failed runs, ${f.reasons.length} reason${f.reasons.length > 1 ? 's' : ''}`,
          formatTable(
            ['runs', 'reason', 'e.g. runs', 'example message'],
            f.reasons.map((r) => [String(r.runs), reasonLabel(r), r.exampleRuns.join(', '), r.message]),
          ),
        ].join('\n'),
  );
}
