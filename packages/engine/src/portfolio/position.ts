import type { Arithmetic } from '../money/arithmetic.js';
import type { ClosedPosition } from './closed-position.js';
import type { TradeSide } from './trade.js';

/**
 * An open position from the fill that left flat to the fill that returns to flat, with exact cost basis and
 * realized P&L. Keeping total cost (not an average price) makes full closes exact; only a partial close divides.
 * @typeParam M - the run's money type
 */
export class Position<M> {
  readonly side: TradeSide;
  readonly entryTime: number;
  /** Open units, ≥ 0 (direction is {@link Position.side}). */
  quantity = 0;
  /** Total entry cost of the open units. */
  costBasis: M;
  /** Gross realized P&L so far, before commissions. */
  realizedPnl: M;
  commission: M;
  readonly #math: Arithmetic<M>;
  #entryFills = 0;
  #enteredQuantity = 0;
  #enteredNotional: M;
  #firstEntryPrice: M;
  #exitFills = 0;
  #exitedQuantity = 0;
  #exitedNotional: M;
  #firstExitPrice: M;

  constructor(math: Arithmetic<M>, side: TradeSide, entryTime: number, entryPrice: M) {
    this.#math = math;
    this.side = side;
    this.entryTime = entryTime;
    this.costBasis = math.zero;
    this.realizedPnl = math.zero;
    this.commission = math.zero;
    this.#enteredNotional = math.zero;
    this.#exitedNotional = math.zero;
    this.#firstEntryPrice = entryPrice;
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
    const closedCost =
      quantity === this.quantity
        ? this.costBasis
        : math.div(math.mul(this.costBasis, math.fromNumber(quantity)), math.fromNumber(this.quantity));
    const gain = this.side === 'long' ? math.sub(notional, closedCost) : math.sub(closedCost, notional);
    this.realizedPnl = math.add(this.realizedPnl, gain);
    this.costBasis = math.sub(this.costBasis, closedCost);
    this.quantity -= quantity;
    this.commission = math.add(this.commission, commission);
    if (this.#exitFills++ === 0) this.#firstExitPrice = price;
    this.#exitedQuantity += quantity;
    this.#exitedNotional = math.add(this.#exitedNotional, notional);
  }

  /** The finished round trip; call once {@link Position.quantity} is 0. */
  close(exitTime: number): ClosedPosition<M> {
    const math = this.#math;
    const entered = this.#enteredQuantity;
    const exited = this.#exitedQuantity;
    // A single fill's price is exact already; averaging only happens when there were several fills.
    const entryPrice =
      this.#entryFills === 1 ? this.#firstEntryPrice : math.div(this.#enteredNotional, math.fromNumber(entered));
    const exitPrice =
      this.#exitFills === 1 ? this.#firstExitPrice : math.div(this.#exitedNotional, math.fromNumber(exited));
    return {
      entryTime: this.entryTime,
      exitTime,
      side: this.side,
      quantity: entered,
      entryPrice,
      exitPrice,
      pnl: math.sub(this.realizedPnl, this.commission),
      commission: this.commission,
    };
  }
}
