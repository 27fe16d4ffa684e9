import type { Sizing } from '../backtest-config.js';
import type { Arithmetic } from '../money/arithmetic.js';
import type { Portfolio } from '../portfolio/portfolio.js';

/**
 * Turns a {@link Sizing} into whole units for an order placed on a bar, priced at that bar's close (the last price
 * the strategy has seen). Rounds down, so a cash or percent budget is never exceeded at the signal price.
 * @typeParam M - the run's money type
 */
export class PositionSizer<M> {
  readonly #sizing: Sizing;
  readonly #math: Arithmetic<M>;
  readonly #budget: M | undefined;

  /** @defaultValue sizing = `{ kind: 'units', units: 100 }` */
  constructor(sizing: Sizing | undefined, math: Arithmetic<M>) {
    this.#sizing = sizing ?? { kind: 'units', units: 100 };
    this.#math = math;
    this.#budget = this.#sizing.kind === 'cash' ? math.parse(this.#sizing.amount) : undefined;
  }

  /** Units to order at `price` given the portfolio's current state; 0 when the budget buys less than one unit. */
  units(portfolio: Portfolio<M>, price: number): number {
    const sizing = this.#sizing;
    if (sizing.kind === 'units') return sizing.units;
    const math = this.#math;
    const exactPrice = math.fromNumber(price);
    const budget =
      this.#budget ??
      math.div(
        math.mul(
          portfolio.equity(exactPrice),
          math.fromNumber(sizing.kind === 'percent_equity' ? sizing.percent : 100),
        ),
        math.fromNumber(100),
      );
    return Math.max(0, math.floor(math.div(budget, exactPrice)));
  }
}
