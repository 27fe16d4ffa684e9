import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type ExportFormat, exportRuns } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { isInteractive } from '../env.js';
import { ProgressReporter } from '../progress-reporter.js';

/** `fleet sweep export ID --format csv|jsonl [--out FILE]`: every run, streamed, parameters as columns. */
export async function exportSweep(
  ctx: CliContext,
  sweepId: string,
  options: { format: ExportFormat; out?: string },
): Promise<void> {
  const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  const write = (chunk: string) =>
    new Promise<void>((resolve) => (out.write(chunk) ? resolve() : out.once('drain', resolve)));
  const progress = new ProgressReporter('export', 'runs', isInteractive() && options.out !== undefined);
  const startedAt = Date.now();
  const rows = await exportRuns(ctx.db, sweepId, options.format, write, (done, total) =>
    progress.update({ done, total }),
  );
  progress.stop();
  if (options.out) {
    out.end();
    await finished(out);
    const seconds = (Date.now() - startedAt) / 1000;
    process.stderr.write(
      `exported ${rows} runs to ${options.out} in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 1e-3))} rows/s)\n`,
    );
  }
}
