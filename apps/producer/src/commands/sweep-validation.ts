import { SweepSpec } from '@fleet/contracts';
import { findSweep } from '@fleet/db';
import {
  type GroupValidation,
  type SweepValidation,
  sweepValidation,
  type WalkForwardReport,
  walkForwardReport,
} from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { fmt, formatTable, money, pct, printResult } from '../print-result.js';

const labelOf = (values: Record<string, number>): string =>
  Object.entries(values)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

/** A probability for a table cell, three decimals. */
const probability = (value: number | null): string => fmt(value, 3);

/**
 * The per-group part of `fleet sweep validation`: one line per strategy × symbol with N, the best row, its PSR(0)
 * and DSR, the group's PBO and median λ, and a warning line for a best row on the edge of its swept range. Kept
 * apart so that walk-forward output (folds, stitched result) prints after it.
 */
function formatGroups(validation: SweepValidation): string {
  const { select, minTrades } = validation.selection;
  const rows = validation.groups.map((g: GroupValidation) => [
    g.strategy,
    g.symbol,
    g.fold === null ? 'all' : `${g.fold} ${g.window === 'in_sample' ? 'IS' : 'OOS'}`,
    String(g.trials),
    g.best ? String(g.best.runIndex) : '-',
    g.best ? labelOf({ ...g.best.settings, ...g.best.params }) : `none with ≥ ${minTrades} trades`,
    g.best ? fmt(g.best.value) : '-',
    probability(g.psr),
    probability(g.dsr),
    probability(g.pbo),
    fmt(g.medianLogit),
  ]);
  const warnings = validation.groups.flatMap((g) =>
    (g.neighbourhood?.onEdge ?? []).map(
      (e) => `warning: ${g.strategy} on ${g.symbol}: best ${e.name}=${e.value} is the ${e.side} end of its swept range`,
    ),
  );
  const table = formatTable(
    ['strategy', 'symbol', 'window', 'N', 'best', 'params', select, 'PSR(0)', 'DSR', 'PBO', 'median λ'],
    rows,
  );
  const note = `best row by ${select}${minTrades > 0 ? ` among runs with ≥ ${minTrades} closed trades` : ''}`;
  return [note, table, ...warnings].join('\n');
}

const paramsText = (p: Record<string, number> | null) =>
  p === null
    ? '-'
    : Object.entries(p)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || '(none)';

/** The walk-forward part of `fleet sweep validation`: per group its folds, then the stitched out-of-sample result. */
function walkForwardLines(report: WalkForwardReport): string[] {
  const lines = [`walk-forward: ${report.folds} fold(s), select by ${report.select}, minTrades ${report.minTrades}`];
  for (const g of report.groups) {
    lines.push('', `${g.strategy} on ${g.symbol}`);
    lines.push(
      formatTable(
        [
          'fold',
          'in sample',
          'out of sample',
          'chosen',
          `IS ${report.select}`,
          'OOS return',
          'OOS sharpe',
          'OOS trades',
          'OOS final equity',
        ],
        g.folds.map((f) => {
          const r = f.outOfSampleRun.result;
          return [
            String(f.fold),
            `${f.inSample.start}..${f.inSample.end}`,
            `${f.outOfSample.start}..${f.outOfSample.end}`,
            paramsText(f.params && { ...f.params, ...f.settings }),
            fmt(f.inSampleValue),
            r ? pct(r.metrics.totalReturn) : f.outOfSampleRun.status,
            r ? fmt(r.metrics.sharpe) : '-',
            r ? String(r.closedTrades ?? '-') : '-',
            r ? money(r.finalEquity) : (f.outOfSampleRun.error ?? '-'),
          ];
        }),
      ),
    );
    const s = g.stitched;
    lines.push(
      s
        ? `stitched out of sample (folds ${s.folds.join(', ')}): return ${pct(s.totalReturn)}, annualized ${pct(s.annualizedReturn)}, max drawdown ${pct(s.maxDrawdown)}, per-bar Sharpe ${fmt(s.perBarSharpe, 4)}${s.everyBar ? '' : ' (sampled curve)'}`
        : 'stitched out of sample: no fold done yet',
      `walk-forward efficiency ${fmt(g.efficiency)}; chosen parameters changed ${g.parameterChanges} time(s) over ${g.folds.length} fold(s)`,
    );
  }
  return lines;
}

/**
 * `fleet sweep validation ID [--json]`: per group N, the best row, its PSR(0) and DSR, PBO and median λ; then, for a
 * validated sweep, its walk-forward folds and stitched out-of-sample result.
 */
export async function validation(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const groups = await sweepValidation(ctx.db, sweepId);
  const row = await findSweep(ctx.db, sweepId);
  const validated = row !== undefined && SweepSpec.parse(row.spec).validation !== undefined;
  const walkForward = validated ? await walkForwardReport(ctx.db, sweepId) : null;
  printResult(options.json === true, { ...groups, walkForward }, () =>
    [formatGroups(groups), ...(walkForward ? ['', ...walkForwardLines(walkForward)] : [])].join('\n'),
  );
}
