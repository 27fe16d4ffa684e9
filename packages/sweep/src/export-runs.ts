import { SweepSpec, type SymbolSummary, strategyFileLabel, sweptNames } from '@fleet/contracts';
import { type Database, type Kysely, METRIC_COLUMNS, storedRunOf, streamRuns } from '@fleet/db';
import { loadStoredSweep } from './stored-sweep-plan.js';

/** Formats `fleet sweep export` writes. */
export const ExportFormats = ['csv', 'jsonl'] as const;
/** One of {@link ExportFormats}, as `--format` accepts it. */
export type ExportFormat = (typeof ExportFormats)[number];

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** A portfolio run's per-symbol summary in one CSV cell: `SYM:pnl:fills:exposure` per symbol, `;`-separated. */
function symbolSummaryCell(summary: readonly SymbolSummary[]): string {
  return summary.map((s) => `${s.symbol}:${s.pnl}:${s.fills}:${s.exposure ?? ''}`).join(';');
}

/**
 * Writes every run of a sweep, one line per run in run-index order, with each parameter and swept setting as its own
 * column (the union over the sweep's strategies; empty where a strategy lacks it), the data, engine and code versions that
 * make it reproducible, and for a strategy file its name with the short bundle hash and the full hash. Rows are streamed page by page and `write` may apply backpressure, so a sweep of any size
 * exports in bounded memory.
 *
 * @example
 * await exportRuns(db, sweepId, 'csv', (chunk) => new Promise((ok) => (out.write(chunk) ? ok() : out.once('drain', ok))));
 */
export async function exportRuns(
  db: Kysely<Database>,
  sweepId: string,
  format: ExportFormat,
  write: (chunk: string) => Promise<void>,
  onProgress?: (rows: number, total: number) => void,
): Promise<number> {
  const { row } = await loadStoredSweep(db, sweepId);
  const spec = SweepSpec.parse(row.spec);
  const paramNames = sweptNames(spec);
  // A sweep without universes keeps the columns it always had; a portfolio sweep's runs name theirs.
  const portfolio = Object.keys(spec.universes ?? {}).length > 0;
  const header = [
    'run_index',
    'strategy',
    'symbol',
    ...(portfolio ? ['universe'] : []),
    'status',
    ...paramNames,
    ...METRIC_COLUMNS,
    ...(portfolio ? ['symbol_summary'] : []),
    'error_code',
    'error_message',
    'data_version',
    'engine_version',
    'code_version',
    'strategy_file',
    'strategy_bundle',
  ];
  if (format === 'csv') await write(`${header.join(',')}\n`);
  let rows = 0;
  for await (const page of streamRuns(db, sweepId)) {
    const lines = page.map((r) => {
      if (format === 'jsonl') {
        const run = storedRunOf(r);
        const { metrics, ...ledger } = run.result;
        return JSON.stringify({
          runIndex: run.runIndex,
          strategy: run.strategy,
          ...(run.strategyBundle
            ? { strategyFile: strategyFileLabel(spec, run.strategyBundle), strategyBundle: run.strategyBundle }
            : {}),
          symbol: run.symbol,
          ...(run.universe ? { universe: run.universe } : {}),
          status: run.status,
          params: run.params,
          settings: run.settings,
          ...ledger,
          ...metrics,
          ...(run.symbolSummary ? { symbolSummary: run.symbolSummary } : {}),
          ...(run.error ? { error: run.error } : {}),
          dataVersion: run.dataVersion,
          engineVersion: run.engineVersion,
          codeVersion: run.codeVersion,
        });
      }
      return [
        r.run_index,
        r.strategy,
        r.symbol,
        ...(portfolio ? [r.universe] : []),
        r.status,
        ...paramNames.map((p) => r.params[p] ?? r.settings[p]),
        ...METRIC_COLUMNS.map((c) => r[c]),
        ...(portfolio ? [r.symbol_summary ? symbolSummaryCell(r.symbol_summary) : null] : []),
        r.error_code,
        r.error_message,
        r.data_version,
        r.engine_version,
        r.code_version,
        strategyFileLabel(spec, r.strategy_bundle),
        r.strategy_bundle,
      ]
        .map(csvCell)
        .join(',');
    });
    await write(`${lines.join('\n')}\n`);
    rows += page.length;
    onProgress?.(rows, row.total);
  }
  return rows;
}
