/** Milliseconds in a mean Gregorian year, the unit for compounding over calendar time. */
export const MS_PER_YEAR = 365.2425 * 24 * 60 * 60 * 1000;

/**
 * Compound annual growth rate over the calendar time from the first to the last bar, `(final / initial)^(1/years)
 * − 1`; `null` when the span is zero or equity ended at or below zero (no real root).
 * @example
 * cagr(100, 121, 0, 2 * MS_PER_YEAR); // 0.1
 */
export function cagr(initialEquity: number, finalEquity: number, startTime: number, endTime: number): number | null {
  const years = (endTime - startTime) / MS_PER_YEAR;
  if (!(years > 0) || !(finalEquity > 0) || !(initialEquity > 0)) return null;
  return (finalEquity / initialEquity) ** (1 / years) - 1;
}
