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

/** A number for a table cell: fixed decimals, or `-` when undefined. */
export const fmt = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);

/** A fraction as a percentage for a table cell. */
export const pct = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : `${(value * 100).toFixed(1)}%`;
