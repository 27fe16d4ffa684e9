import type { Arithmetic } from '../money/arithmetic.js';
import { OrderSide } from '../orders/order.js';
import type { ClosedPosition } from './closed-position.js';
import { Position } from './position.js';
import { TradeSide } from './trade.js';

/**
 * Cash and the one open position of a single-symbol run, in exact money, plus the round trips closed so far.
 * Equity at any price p is `cash + signedQuantity × p`; {@link Portfolio.cashFloat} mirrors cash as a double so
 * the per-bar mark-to-market never allocates a decimal.
 * @typeParam M - the run's money type
 */
export class Portfolio<M> {
  cash: M;
  /** `cash` as a double, refreshed on every fill; only for the approximate per-bar equity curve. */
  cashFloat: number;
  /** Open units: > 0 long, < 0 short, 0 flat. */
  quantity = 0;
  position: Position<M> | undefined;
  readonly closedPositions: ClosedPosition<M>[] = [];
  readonly #math: Arithmetic<M>;

  constructor(math: Arithmetic<M>, cash: M) {
    this.#math = math;
    this.cash = cash;
    this.cashFloat = math.toNumber(cash);
  }

  /** Exact equity marked at `price`. */
  equity(price: M): M {
    const math = this.#math;
    return this.quantity === 0 ? this.cash : math.add(this.cash, math.mul(math.fromNumber(this.quantity), price));
  }

  /** Cash left after a fill of `notional` plus `commission` on `side`. */
  cashAfter(side: OrderSide, notional: M, commission: M): M {
    const math = this.#math;
    return side === OrderSide.Buy
      ? math.sub(math.sub(this.cash, notional), commission)
      : math.sub(math.add(this.cash, notional), commission);
  }

  /**
   * Books a fill of `quantity` at `price` (`notional` = price × quantity): cash moves by the notional and the
   * commission, and the position grows, shrinks, closes or flips (a flip closes the round trip and opens the
   * opposite one with the remaining units and commission).
   */
  applyFill(side: OrderSide, quantity: number, price: M, notional: M, commission: M, time: number): void {
    const math = this.#math;
    this.cash = this.cashAfter(side, notional, commission);
    this.cashFloat = math.toNumber(this.cash);
    const delta = side === OrderSide.Buy ? quantity : -quantity;
    const position = this.position;
    const direction = side === OrderSide.Buy ? TradeSide.Long : TradeSide.Short;
    if (position === undefined || position.side === direction) {
      this.#increase(direction, quantity, price, notional, commission, time);
    } else if (quantity <= position.quantity) {
      position.reduce(quantity, price, notional, commission);
      if (position.quantity === 0) this.#close(position, time);
    } else {
      const closing = position.quantity;
      const closingNotional = math.mul(price, math.fromNumber(closing));
      const closingCommission = math.div(math.mul(commission, math.fromNumber(closing)), math.fromNumber(quantity));
      position.reduce(closing, price, closingNotional, closingCommission);
      this.#close(position, time);
      this.#increase(
        direction,
        quantity - closing,
        price,
        math.sub(notional, closingNotional),
        math.sub(commission, closingCommission),
        time,
      );
    }
    this.quantity += delta;
  }

  #increase(side: TradeSide, quantity: number, price: M, notional: M, commission: M, time: number): void {
    let position = this.position;
    if (position === undefined) {
      position = new Position(this.#math, side, time, price);
      this.position = position;
    }
    position.increase(quantity, notional, commission);
  }

  #close(position: Position<M>, time: number): void {
    this.closedPositions.push(position.close(time));
    this.position = undefined;
  }
}
