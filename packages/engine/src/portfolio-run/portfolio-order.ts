/** What a portfolio order asks for: a number of units bought or sold, or whatever returns the position to flat. */
export const PortfolioOrderKind = { Buy: 'buy', Sell: 'sell', Close: 'close' } as const;
export type PortfolioOrderKind = (typeof PortfolioOrderKind)[keyof typeof PortfolioOrderKind];

/**
 * A market order on one symbol of a portfolio run, decided on a bar's close and filled at the next portfolio bar's
 * open when the symbol has a bar there.
 */
export interface PortfolioOrder {
  /** Index of the symbol in the run's ascending symbol order. */
  readonly symbol: number;
  readonly kind: PortfolioOrderKind;
  /** Whole units > 0; unused by `close`, whose size is the position at fill time. */
  readonly quantity: number;
}
