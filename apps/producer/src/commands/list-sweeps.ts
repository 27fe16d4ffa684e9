import { listSweeps, toSweepProgress } from '@fleet/db';
import type { CliContext } from '../cli-context.js';
import { formatTable, printResult } from '../print-result.js';

/** `fleet sweep list`: the most recent sweeps with their progress. */
export async function list(ctx: CliContext, options: { limit: number; json?: boolean }): Promise<void> {
  const sweeps = (await listSweeps(ctx.db, options.limit)).map(toSweepProgress);
  printResult(options.json === true, { sweeps }, () =>
    formatTable(
      ['sweep', 'name', 'status', 'done', 'failed', 'total', 'created'],
      sweeps.map((s) => [
        s.sweepId,
        s.name,
        s.status,
        String(s.succeeded + s.failed),
        String(s.failed),
        String(s.total),
        s.createdAt,
      ]),
    ),
  );
}
