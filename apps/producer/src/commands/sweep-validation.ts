import { SweepSpec } from '@fleet/contracts';
import { findSweep } from '@fleet/db';
import { type WalkForwardReport, walkForwardReport } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { fmt, formatTable, money, pct, printResult } from '../print-result.js';

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

/** `fleet sweep validation ID`: a validated sweep's walk-forward folds and stitched out-of-sample result. */
export async function validation(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const row = await findSweep(ctx.db, sweepId);
  const validated = row !== undefined && SweepSpec.parse(row.spec).validation !== undefined;
  const walkForward = validated ? await walkForwardReport(ctx.db, sweepId) : null;
  printResult(options.json === true, { sweepId, walkForward }, () =>
    walkForward
      ? walkForwardLines(walkForward).join('\n')
      : `sweep ${sweepId}: no validation block, so no walk-forward`,
  );
}
