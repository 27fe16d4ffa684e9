import type { Arithmetic } from '../money/arithmetic.js';
import { OrderSide } from '../orders/order.js';
import type { ClosedPosition } from './closed-position.js';
import { Position } from './position.js';
import { TradeSide } from './trade.js';

/** One execution as the portfolio books it; `notional` = price × quantity, computed once by the broker. */
export interface Fill<M> {
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: M;
  readonly notional: M;
  readonly commission: M;
  readonly time: number;
}

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

  /** Cash left after `fill`; the broker checks it before booking. */
  cashAfter(fill: Fill<M>): M {
    const math = this.#math;
    return fill.side === OrderSide.Buy
      ? math.sub(math.sub(this.cash, fill.notional), fill.commission)
      : math.sub(math.add(this.cash, fill.notional), fill.commission);
  }

  /**
   * Books `fill`, leaving `cashAfter` (from {@link Portfolio.cashAfter}) as cash. The position grows, shrinks,
   * closes or flips; a flip closes the round trip and opens the opposite one with the remaining units and a
   * proportional share of the commission.
   */
  applyFill(fill: Fill<M>, cashAfter: M): void {
    const math = this.#math;
    this.cash = cashAfter;
    this.cashFloat = math.toNumber(cashAfter);
    const { side, quantity, price, notional, commission, time } = fill;
    const position = this.position;
    const direction = side === OrderSide.Buy ? TradeSide.Long : TradeSide.Short;
    this.quantity += side === OrderSide.Buy ? quantity : -quantity;
    if (position === undefined) {
      this.position = new Position(math, direction, time, fill);
    } else if (position.side === direction) {
      position.increase(quantity, notional, commission);
    } else if (quantity <= position.quantity) {
      position.reduce(quantity, price, notional, commission);
      if (position.quantity === 0) this.#close(position, time);
    } else {
      const closing = position.quantity;
      const closingNotional = math.mul(price, math.fromNumber(closing));
      const closingCommission = math.div(math.mul(commission, math.fromNumber(closing)), math.fromNumber(quantity));
      position.reduce(closing, price, closingNotional, closingCommission);
      this.#close(position, time);
      this.position = new Position(math, direction, time, {
        quantity: quantity - closing,
        price,
        notional: math.sub(notional, closingNotional),
        commission: math.sub(commission, closingCommission),
      });
    }
  }

  #close(position: Position<M>, time: number): void {
    this.closedPositions.push(position.close(time));
    this.position = undefined;
  }
}
