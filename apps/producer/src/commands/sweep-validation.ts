import { type GroupValidation, type SweepValidation, sweepValidation } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { fmt, formatTable, printResult } from '../print-result.js';

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
    ['strategy', 'symbol', 'N', 'best', 'params', select, 'PSR(0)', 'DSR', 'PBO', 'median λ'],
    rows,
  );
  const note = `best row by ${select}${minTrades > 0 ? ` among runs with ≥ ${minTrades} closed trades` : ''}`;
  return [note, table, ...warnings].join('\n');
}

/** `fleet sweep validation ID [--json]`: how far each group's best row can be trusted. */
export async function validation(ctx: CliContext, sweepId: string, options: { json?: boolean }): Promise<void> {
  const result = await sweepValidation(ctx.db, sweepId);
  printResult(options.json === true, result, () => formatGroups(result));
}
