/** Prints a command's result: the JSON object as the last stdout line with `--json`, human lines otherwise. */
export function printResult(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
}

/** Formats rows as an aligned text table with a header line. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Decimals of every metric in a table (ratios and percentages alike), so columns line up and compare at a glance. */
const METRIC_DIGITS = 2;

/** A number for a table cell: fixed decimals, or `-` when undefined. */
export const fmt = (value: number | null | undefined, digits = METRIC_DIGITS): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);

/** A fraction as a percentage for a table cell. */
export const pct = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '-' : `${(value * 100).toFixed(METRIC_DIGITS)}%`;

/**
 * An exact decimal amount of money for a table cell: rounded half-even to cents, thousands grouped. Only tables
 * round; `--json` and exports keep the exact string.
 *
 * @example
 * money('104523.456789'); // '104,523.46'
 */
export function money(value: string | null | undefined): string {
  if (value === null || value === undefined) return '-';
  const parts = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value);
  if (!parts) return value;
  const [, sign = '', integer = '', fraction = ''] = parts;
  const truncated = BigInt(integer + `${fraction}00`.slice(0, 2));
  const rest = fraction.slice(2).replace(/0+$/, '');
  const cents = truncated + (rest > '5' || (rest === '5' && truncated % 2n === 1n) ? 1n : 0n);
  const digits = cents.toString().padStart(3, '0');
  const grouped = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents === 0n ? '' : sign}${grouped}.${digits.slice(-2)}`;
}

/** A portfolio run's per-symbol contribution as a table, as `fleet backtest` and `fleet sweep results` print it. */
export function formatSymbolSummary(
  symbols: readonly {
    symbol: string;
    pnl: string;
    fills: number;
    closedTrades: number;
    exposure: number | null;
    finalUnits: string;
  }[],
): string {
  return formatTable(
    ['symbol', 'pnl', 'fills', 'closed', 'exposure', 'units'],
    symbols.map((s) => [
      s.symbol,
      money(s.pnl),
      String(s.fills),
      String(s.closedTrades),
      pct(s.exposure),
      s.finalUnits,
    ]),
  );
}
