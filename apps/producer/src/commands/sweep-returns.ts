import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { groupReturns, writeReturnsCsv } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';

/**
 * `fleet sweep returns ID --strategy S --symbol X [--window W [--fold N]] --format csv [--out FILE]`: the per-bar
 * returns matrix of one group (of a validated sweep: of one fold's window), recomputed by replay, one column per run
 * index.
 */
export async function returns(
  ctx: CliContext,
  sweepId: string,
  options: {
    strategy: string;
    symbol: string;
    window?: 'in_sample' | 'out_of_sample';
    fold?: number;
    format: 'csv';
    out?: string;
  },
): Promise<void> {
  const { strategy, symbol, window, fold } = options;
  const matrix = await groupReturns(ctx.db, sweepId, {
    strategy,
    symbol,
    ...(window ? { window } : {}),
    ...(fold === undefined ? {} : { fold }),
  });
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
