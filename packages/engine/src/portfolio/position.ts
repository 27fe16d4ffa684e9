import type { Arithmetic } from '../money/arithmetic.js';
import type { ClosedPosition } from './closed-position.js';
import type { TradeSide } from './trade.js';

/**
 * An open position from the fill that left flat to the fill that returns to flat, with exact cost basis and
 * realized P&L. Keeping total cost (not an average price) makes full closes exact; only a partial close divides.
 * The first fill on each side is assigned rather than added, so a one-in, one-out round trip costs the fewest
 * decimal operations.
 * @typeParam M - the run's money type
 */
export class Position<M> {
  readonly side: TradeSide;
  readonly entryTime: number;
  /** Open units, ≥ 0 (direction is {@link Position.side}). */
  quantity: number;
  /** Total entry cost of the open units. */
  costBasis: M;
  /** Gross realized P&L so far, before commissions. */
  realizedPnl: M;
  commission: M;
  readonly #math: Arithmetic<M>;
  #entryFills = 1;
  #enteredQuantity: number;
  #enteredNotional: M;
  readonly #firstEntryPrice: M;
  #exitFills = 0;
  #exitedQuantity = 0;
  #exitedNotional: M;
  #firstExitPrice: M;

  /** Opens a position with its first fill of `quantity` at `price` (`notional` = price × quantity). */
  constructor(
    math: Arithmetic<M>,
    side: TradeSide,
    entryTime: number,
    fill: { quantity: number; price: M; notional: M; commission: M },
  ) {
    this.#math = math;
    this.side = side;
    this.entryTime = entryTime;
    this.quantity = fill.quantity;
    this.costBasis = fill.notional;
    this.realizedPnl = math.zero;
    this.commission = fill.commission;
    this.#enteredQuantity = fill.quantity;
    this.#enteredNotional = fill.notional;
    this.#firstEntryPrice = fill.price;
    this.#exitedNotional = math.zero;
    this.#firstExitPrice = math.zero;
  }

  /** Adds units bought (long) or sold short (short) for `notional` = price × quantity. */
  increase(quantity: number, notional: M, commission: M): void {
    const math = this.#math;
    this.quantity += quantity;
    this.costBasis = math.add(this.costBasis, notional);
    this.commission = math.add(this.commission, commission);
    this.#entryFills++;
    this.#enteredQuantity += quantity;
    this.#enteredNotional = math.add(this.#enteredNotional, notional);
  }

  /** Removes `quantity` (≤ open units) at `price`, realizing P&L against the proportional cost basis. */
  reduce(quantity: number, price: M, notional: M, commission: M): void {
    const math = this.#math;
    const full = quantity === this.quantity;
    const closedCost = full
      ? this.costBasis
      : math.div(math.mul(this.costBasis, math.fromNumber(quantity)), math.fromNumber(this.quantity));
    const gain = this.side === 'long' ? math.sub(notional, closedCost) : math.sub(closedCost, notional);
    const first = this.#exitFills++ === 0;
    this.realizedPnl = first ? gain : math.add(this.realizedPnl, gain);
    this.costBasis = full ? math.zero : math.sub(this.costBasis, closedCost);
    this.quantity -= quantity;
    this.commission = math.add(this.commission, commission);
    this.#exitedQuantity += quantity;
    if (first) {
      this.#firstExitPrice = price;
      this.#exitedNotional = notional;
    } else {
      this.#exitedNotional = math.add(this.#exitedNotional, notional);
    }
  }

  /** The finished round trip; call once {@link Position.quantity} is 0. */
  close(exitTime: number): ClosedPosition<M> {
    const math = this.#math;
    // A single fill's price is exact already; averaging only happens when there were several fills.
    const entryPrice =
      this.#entryFills === 1
        ? this.#firstEntryPrice
        : math.div(this.#enteredNotional, math.fromNumber(this.#enteredQuantity));
    const exitPrice =
      this.#exitFills === 1
        ? this.#firstExitPrice
        : math.div(this.#exitedNotional, math.fromNumber(this.#exitedQuantity));
    return {
      entryTime: this.entryTime,
      exitTime,
      side: this.side,
      quantity: this.#enteredQuantity,
      entryPrice,
      exitPrice,
      pnl: math.sub(this.realizedPnl, this.commission),
      commission: this.commission,
    };
  }
}
