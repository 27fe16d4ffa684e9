import type { BarCursor } from '../data/bar-cursor.js';
import type { SimulatedBroker } from '../execution/simulated-broker.js';
import type { Arithmetic } from '../money/arithmetic.js';
import type { SubmitOrder } from '../orders/commands.js';
import type { OrderDenied } from '../orders/events.js';
import { OrderIntent, OrderOrigin, OrderSide, OrderType } from '../orders/order.js';
import type { Portfolio } from '../portfolio/portfolio.js';

/** The optional risk limits of a run, as fractions. */
export interface RiskLimits {
  /** Deny orders that would grow the position beyond this fraction of equity at the signal price. */
  readonly maxPositionFraction?: number | undefined;
  /** Protective stop this fraction below (long) or above (short) the average entry price. */
  readonly stopLoss?: number | undefined;
  /** Protective limit this fraction above (long) or below (short) the average entry price. */
  readonly takeProfit?: number | undefined;
}

/**
 * Pre-trade checks between the strategy and the broker, plus protective exits. A denied command never reaches the
 * broker and is counted with the rejections. After every fill the protective stop-loss / take-profit orders are
 * replaced to match the new position; they rest from the next bar on (so a bar never both opens and stops out a
 * position), they are reduce-only (never larger than the position, never opening one, see {@link OrderIntent}), and
 * all of them are cancelled as soon as the position is flat, whichever fill made it so.
 * @typeParam M - the run's money type
 */
export class RiskEngine<M> {
  /** Commands denied before reaching the broker. */
  deniedCount = 0;
  readonly #limits: RiskLimits;
  readonly #math: Arithmetic<M>;
  readonly #portfolio: Portfolio<M>;
  readonly #broker: SimulatedBroker<M>;
  readonly #cursor: BarCursor;

  constructor(
    limits: RiskLimits,
    math: Arithmetic<M>,
    portfolio: Portfolio<M>,
    broker: SimulatedBroker<M>,
    cursor: BarCursor,
  ) {
    this.#limits = limits;
    this.#math = math;
    this.#portfolio = portfolio;
    this.#broker = broker;
    this.#cursor = cursor;
  }

  /** Returns why `command` must not be placed at `price` (the signal bar's close), or `undefined` to allow it. */
  check(command: SubmitOrder<M>, price: number): OrderDenied | undefined {
    let reason: string | undefined;
    if (!(command.quantity >= 1)) {
      reason = 'order size rounds to 0 units';
    } else if (this.#limits.maxPositionFraction !== undefined) {
      reason = this.#checkPositionLimit(command, price, this.#limits.maxPositionFraction);
    }
    if (reason === undefined) return undefined;
    this.deniedCount++;
    return { kind: 'OrderDenied', side: command.side, quantity: command.quantity, reason, tsEvent: command.tsInit };
  }

  /** Replaces the protective exits after a fill changed the position. */
  onOrderFilled(tsEvent: number): void {
    const { stopLoss, takeProfit } = this.#limits;
    if (stopLoss === undefined && takeProfit === undefined) return;
    this.#broker.cancel((order) => order.origin === OrderOrigin.Protective);
    const position = this.#portfolio.position;
    if (position === undefined) return;
    const math = this.#math;
    const average = math.div(position.costBasis, math.fromNumber(position.quantity));
    const long = position.side === 'long';
    const exitSide = long ? OrderSide.Sell : OrderSide.Buy;
    const place = (type: OrderType, offset: number): void => {
      const factor = math.fromNumber(1 + (long === (type === OrderType.Limit) ? offset : -offset));
      const level = math.mul(average, factor);
      this.#broker.submit(
        {
          kind: 'SubmitOrder',
          side: exitSide,
          type,
          intent: OrderIntent.ReduceOnly,
          quantity: position.quantity,
          price: math.toNumber(level),
          exactPrice: level,
          origin: OrderOrigin.Protective,
          tsInit: tsEvent,
        },
        this.#cursor.index,
      );
    };
    if (stopLoss !== undefined) place(OrderType.Stop, stopLoss);
    if (takeProfit !== undefined) place(OrderType.Limit, takeProfit);
  }

  #checkPositionLimit(command: SubmitOrder<M>, price: number, fraction: number): string | undefined {
    const current = this.#portfolio.quantity;
    const next = current + (command.side === OrderSide.Buy ? command.quantity : -command.quantity);
    if (Math.abs(next) <= Math.abs(current)) return undefined;
    const math = this.#math;
    const exactPrice = math.fromNumber(price);
    const exposure = math.mul(math.fromNumber(Math.abs(next)), exactPrice);
    const limit = math.mul(this.#portfolio.equity(exactPrice), math.fromNumber(fraction));
    return math.compare(exposure, limit) > 0
      ? `position of ${Math.abs(next)} units would exceed ${fraction} of equity`
      : undefined;
  }
}
