import { basename } from 'node:path';
import { BarInterval, SymbolName } from '@fleet/contracts';
import { type ImportBarsResult, importBars } from '@fleet/db';
import { streamBarsFile, symbolFromFileName } from '@fleet/market-data';
import { formatIssues } from '@fleet/planning';
import { z } from 'zod';
import type { CliContext } from '../cli-context.js';
import { isInteractive } from '../env.js';
import { printResult } from '../print-result.js';
import { ProgressReporter } from '../progress-reporter.js';

/** Files at least this large get a progress bar; smaller ones import in well under a second. */
const PROGRESS_MIN_BYTES = 1024 * 1024;

/** The options of `fleet data import` after commander, validated as any other boundary. */
export const ImportDataOptions = z.strictObject({
  symbol: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(SymbolName)
    .optional(),
  interval: BarInterval.optional(),
  adjusted: z.boolean().optional(),
  json: z.boolean().optional(),
});
export type ImportDataOptions = z.input<typeof ImportDataOptions>;

/** What one file did, as printed per file and in the `--json` summary. */
type FileSummary = { file: string; layout: string } & ImportBarsResult;

/**
 * `fleet data import FILE…`: streams each file through validation into one transaction per file, so the first bad
 * row stops the import naming file, line and rule, and leaves that file's series as it was (files before it stay
 * imported). Re-importing a file changes nothing; an overlapping newer file updates only the bars that differ and
 * changes the series' data version.
 */
export async function importData(ctx: CliContext, files: readonly string[], raw: ImportDataOptions): Promise<void> {
  const parsed = ImportDataOptions.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid options: ${formatIssues(parsed.error.issues).join('; ')}`);
  const options = parsed.data;
  if (options.symbol && files.length > 1) throw new Error('--symbol names one symbol, so it takes exactly one FILE');
  const interactive = isInteractive() && !options.json;
  const summaries: FileSummary[] = [];
  for (const path of files) {
    const symbol = symbolOf(path, options.symbol);
    const file = await streamBarsFile(path, {
      adjusted: options.adjusted === true,
      ...(options.interval ? { interval: options.interval } : {}),
    });
    const progress =
      file.size >= PROGRESS_MIN_BYTES
        ? new ProgressReporter(`import ${basename(path)}`, 'bytes', interactive)
        : undefined;
    try {
      const result = await importBars(ctx.db, { symbol, interval: file.interval }, file.chunks, {
        onChunk: () => progress?.update({ done: file.bytesRead(), total: file.size }),
      });
      summaries.push({ file: path, layout: file.layout, ...result });
    } finally {
      progress?.stop();
    }
  }
  const totals = summaries.reduce(
    (t, s) => ({
      rows: t.rows + s.rows,
      inserted: t.inserted + s.inserted,
      updated: t.updated + s.updated,
      unchanged: t.unchanged + s.unchanged,
    }),
    { rows: 0, inserted: 0, updated: 0, unchanged: 0 },
  );
  printResult(options.json === true, { files: summaries, ...totals }, () =>
    summaries
      .map(
        (s) =>
          `${s.file}: ${s.symbol} ${s.interval} (${s.layout}) ${s.rows} rows: ${s.inserted} inserted, ${s.updated} updated, ` +
          `${s.unchanged} unchanged; data version ${describeVersion(s)}`,
      )
      .join('\n'),
  );
}

function symbolOf(path: string, given: string | undefined): string {
  if (given !== undefined) return given;
  const symbol = SymbolName.safeParse(symbolFromFileName(path));
  if (!symbol.success) throw new Error(`${path}: cannot use the file name as a symbol; give one with --symbol`);
  return symbol.data;
}

function describeVersion(s: ImportBarsResult): string {
  if (s.previousVersion === null) return `${s.dataVersion} (new)`;
  if (s.previousVersion === s.dataVersion) return `${s.dataVersion} (unchanged)`;
  return `${s.dataVersion} (was ${s.previousVersion})`;
}
