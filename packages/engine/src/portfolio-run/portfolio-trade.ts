import type { Trade } from '../portfolio/trade.js';

/** A closed round trip of one symbol in a portfolio run: a symbol's units going from non-zero back to 0. */
export interface PortfolioTrade extends Trade {
  readonly symbol: string;
}
