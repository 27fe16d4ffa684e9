import { SymbolName } from '@fleet/contracts';
import { type ImportBarsResult, importBars } from '@fleet/db';
import { synthesizeBars } from '@fleet/market-data';
import { formatIssues } from '@fleet/planning';
import { z } from 'zod';
import type { CliContext } from '../cli-context.js';
import { isInteractive } from '../env.js';
import { printResult } from '../print-result.js';
import { ProgressReporter } from '../progress-reporter.js';

/** The options of `fleet data synth` after commander, validated as any other boundary. */
export const SynthDataOptions = z.strictObject({
  symbols: z.number().int().positive().max(100_000),
  bars: z.number().int().positive(),
  /** @defaultValue '1d' */
  interval: z
    .string()
    .regex(/^[1-9]\d*[smhdw]$/, { message: 'must be a count and a unit s, m, h, d or w, e.g. 1d, 1m' })
    .default('1d'),
  /** @defaultValue 1 */
  seed: z.number().int().default(1),
  /** Symbols are the prefix plus a zero-padded number: SYN1 … SYN9, or SYN01 … SYN10. @defaultValue 'SYN' */
  prefix: SymbolName.default('SYN'),
  json: z.boolean().optional(),
});
export type SynthDataOptions = z.input<typeof SynthDataOptions>;

/**
 * `fleet data synth`: stores seeded geometric-Brownian-motion bars (valid OHLC, no gaps) for scale tests and demos
 * that must not depend on a data file. Each symbol is one import, so the same seed writes the same bars and the same
 * data versions on every machine, and running it again changes nothing.
 */
export async function synthData(ctx: CliContext, raw: SynthDataOptions): Promise<void> {
  const parsed = SynthDataOptions.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid options: ${formatIssues(parsed.error.issues).join('; ')}`);
  const { symbols, bars, interval, seed, prefix, json } = parsed.data;
  const width = String(symbols).length;
  const total = symbols * bars;
  const progress = new ProgressReporter('synth', 'bars', isInteractive() && !json);
  const results: ImportBarsResult[] = [];
  const startedAt = Date.now();
  try {
    for (let i = 1; i <= symbols; i += 1) {
      const symbol = `${prefix}${String(i).padStart(width, '0')}`;
      const done = results.reduce((n, r) => n + r.rows, 0);
      results.push(
        await importBars(ctx.db, { symbol, interval }, synthesizeBars({ symbol, bars, interval, seed }), {
          onChunk: (p) => progress.update({ done: done + p.rows, total }),
        }),
      );
    }
  } finally {
    progress.stop();
  }
  const elapsedMs = Date.now() - startedAt;
  const sum = (key: 'inserted' | 'updated' | 'unchanged') => results.reduce((n, r) => n + r[key], 0);
  const summary = {
    series: results.map((r) => ({ symbol: r.symbol, interval: r.interval, bars: r.rows, dataVersion: r.dataVersion })),
    rows: total,
    inserted: sum('inserted'),
    updated: sum('updated'),
    unchanged: sum('unchanged'),
    elapsedMs,
  };
  printResult(
    json === true,
    summary,
    () =>
      `${symbols} symbols × ${bars} ${interval} bars (seed ${seed}): ${summary.inserted} inserted, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged in ${(elapsedMs / 1000).toFixed(1)} s`,
  );
}
