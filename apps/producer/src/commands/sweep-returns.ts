import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { groupReturns, writeReturnsCsv } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';

/**
 * `fleet sweep returns ID --strategy S --symbol X --format csv [--out FILE]`: the per-bar returns matrix of one group,
 * recomputed by replay, one column per run index.
 */
export async function returns(
  ctx: CliContext,
  sweepId: string,
  options: { strategy: string; symbol: string; format: 'csv'; out?: string },
): Promise<void> {
  const matrix = await groupReturns(ctx.db, sweepId, { strategy: options.strategy, symbol: options.symbol });
  const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  await writeReturnsCsv(
    matrix,
    (chunk) => new Promise<void>((resolve) => (out.write(chunk) ? resolve() : out.once('drain', resolve))),
  );
  if (options.out) {
    out.end();
    await finished(out);
    process.stderr.write(
      `wrote ${matrix.times.length} returns × ${matrix.runIndexes.length} runs of ${options.strategy} on ${options.symbol} to ${options.out}\n`,
    );
  }
}
