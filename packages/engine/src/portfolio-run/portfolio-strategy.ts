/**
 * One symbol's latest bar as of the current portfolio bar: its bar at this time when it has one (`current`), else its
 * last bar before, by whose close it is valued.
 */
export interface SymbolBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Whether the symbol has a bar at the current portfolio bar, i.e. whether an order could trade at this time. */
  readonly current: boolean;
}

/**
 * Everything a portfolio strategy sees and may do on a portfolio bar: every symbol's snapshot, the one account, and
 * per-symbol orders. Orders are queued and fill at the next portfolio bar's open (sells first, then buys, each in
 * ascending symbol order); an order on a symbol with no bar there lapses.
 */
export interface PortfolioContext {
  /** Index of the current portfolio bar. */
  readonly index: number;
  /** Time of the current portfolio bar, epoch ms UTC. */
  readonly time: number;
  /** Whether this is the run's last bar, whose orders can never fill. */
  readonly lastBar: boolean;
  /** The run's symbols, ascending. */
  readonly symbols: readonly string[];
  /** Cash as a double (approximate; the accounting is exact). */
  readonly cash: number;
  /** Cash plus every position at its last close, as a double. */
  readonly equity: number;
  /** The symbol's latest bar at or before this time; `undefined` before its first bar. */
  snapshot(symbol: string): SymbolBar | undefined;
  /** The symbol's last close as of `barsAgo` portfolio bars back; `NaN` before its first bar or the run's start. */
  closeAgo(symbol: string, barsAgo: number): number;
  /** Units held: > 0 long, < 0 short. */
  units(symbol: string): number;
  buy(symbol: string, quantity: number): void;
  sell(symbol: string, quantity: number): void;
  /** Returns the symbol's position to flat at the next open; does nothing if it is flat by then. */
  close(symbol: string): void;
  /**
   * Orders every symbol towards a weight of equity, sized on this bar's close: V = cash + Σ units × close; a weighted
   * symbol's target is floor(V × w / close) units, every other symbol's is 0; each order is target − units. A weight
   * 1/k is applied as floor(V / (k × close)), so equal weights size exactly. Symbols before their first bar are not
   * ordered.
   */
  targetWeights(weights: Readonly<Record<string, number>>): void;
}

/** A strategy over many symbols and one account, driven portfolio bar by portfolio bar. */
export interface PortfolioStrategy {
  onBar(ctx: PortfolioContext): void;
}
