import type { ParsedBar } from '@fleet/contracts';
import { BarRule, type BarRuleViolation } from './bar-rule.js';
import { compareDecimals, isPositiveDecimal } from './decimal-string.js';

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/**
 * The first OHLC {@link BarRule} a bar breaks, or `undefined` when its prices are positive and its high and low
 * bound its open and close. Prices must already be {@link normalizeDecimal normalized}; comparison is exact.
 *
 * @example
 * ```ts
 * checkOhlc({ time: 0, open: '11', high: '10.5', low: '11', close: '11', volume: '0' });
 * // { rule: 'high >= low', detail: 'high 10.5 < low 11' }
 * ```
 */
export function checkOhlc(bar: ParsedBar): BarRuleViolation | undefined {
  const nonPositive = PRICE_FIELDS.find((field) => !isPositiveDecimal(bar[field]));
  if (nonPositive !== undefined) {
    return { rule: BarRule.positivePrice, detail: `${nonPositive} ${bar[nonPositive]} is not > 0` };
  }
  const { open, high, low, close } = bar;
  if (compareDecimals(high, low) < 0) return { rule: BarRule.highAboveLow, detail: `high ${high} < low ${low}` };
  const openAboveClose = compareDecimals(open, close) >= 0;
  const [top, topName] = openAboveClose ? [open, 'open'] : [close, 'close'];
  if (compareDecimals(high, top) < 0)
    return { rule: BarRule.highAboveBody, detail: `high ${high} < ${topName} ${top}` };
  const [bottom, bottomName] = openAboveClose ? [close, 'close'] : [open, 'open'];
  if (compareDecimals(low, bottom) > 0) {
    return { rule: BarRule.lowBelowBody, detail: `low ${low} > ${bottomName} ${bottom}` };
  }
  return undefined;
}
