/**
 * The checks every CSV row must pass, named so that an error message, a log query and a test all say the same thing.
 * The value is what appears after `rule:` in a {@link MarketDataError} message.
 */
export const BarRule = {
  columnCount: 'column count',
  timestamp: 'parseable timestamp',
  numericPrice: 'numeric price',
  positivePrice: 'price > 0',
  numericVolume: 'numeric volume',
  nonNegativeVolume: 'volume >= 0',
  highAboveLow: 'high >= low',
  highAboveBody: 'high >= max(open, close)',
  lowBelowBody: 'low <= min(open, close)',
  increasingTime: 'timestamps strictly increasing',
  duplicateTimestamp: 'duplicate timestamp',
  lineEnd: 'rows end with a line end',
} as const;
export type BarRule = (typeof BarRule)[keyof typeof BarRule];

/** A broken {@link BarRule} before it is located in a file; the parser turns it into a {@link MarketDataError}. */
export interface BarRuleViolation {
  rule: BarRule;
  detail: string;
}
