import type { BarSeries } from '../data/bar-series.js';
import type { Arithmetic } from '../money/arithmetic.js';
import { ExactPriceColumn } from '../money/exact-price-column.js';
import type { SubmitOrder } from '../orders/commands.js';
import type { OrderFilled, OrderRejected } from '../orders/events.js';
import { type Order, OrderIntent, OrderSide, OrderType } from '../orders/order.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { FeeModel } from './fee-model.js';
import { FillAt, type FillModel } from './fill-model.js';
import type { SlippageModel } from './slippage-model.js';

/** Receives the broker's events as they happen, in order. */
export interface BrokerListener<M> {
  onOrderFilled(event: OrderFilled<M>): void;
  onOrderRejected(event: OrderRejected): void;
}

/** The pieces a {@link SimulatedBroker} executes with. */
export interface SimulatedBrokerOptions<M> {
  readonly series: BarSeries;
  readonly math: Arithmetic<M>;
  readonly portfolio: Portfolio<M>;
  readonly fillModel: FillModel;
  readonly feeModel: FeeModel<M>;
  readonly slippageModel: SlippageModel<M>;
  /**
   * The series' opens in the money type, shared by the runs of a sweep.
   * @defaultValue a column of this broker's own
   */
  readonly opens?: ExactPriceColumn<M>;
}

/**
 * Holds accepted orders and executes them against bars. An order placed on bar t is first considered on bar t+1,
 * so no order ever fills on the bar that produced its signal. On each bar the market orders fill first, at the open
 * and oldest first, because they were decided on the previous close and the open is the first price after it; only
 * then are the resting limit and stop orders matched, oldest first, against the position the market orders left.
 * An order's {@link OrderIntent} is applied at its fill, against the position at that moment. An order the cash
 * cannot pay for is rejected whole, never shrunk; opening or growing a short needs cash covering its notional plus
 * commission.
 * @typeParam M - the run's money type
 */
export class SimulatedBroker<M> {
  /** Orders rejected at fill time, reported as part of `rejectedOrders`. */
  rejectedCount = 0;
  /** Executions booked so far. */
  fillCount = 0;
  #pending: Order<M>[] = [];
  #nextOrderId = 1;
  #listener: BrokerListener<M> | undefined;
  #lastQuantity = 0;
  #lastUnits: M | undefined;
  readonly #options: SimulatedBrokerOptions<M>;
  readonly #opens: ExactPriceColumn<M>;

  constructor(options: SimulatedBrokerOptions<M>) {
    this.#options = options;
    this.#opens = options.opens ?? new ExactPriceColumn(options.series.open, options.math);
  }

  /** Wires the consumer of fills and rejections; the loop does this once, before the first bar. */
  listen(listener: BrokerListener<M>): void {
    this.#listener = listener;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Accepts an order placed while processing bar `barIndex`; it may fill from the next bar on. */
  submit(command: SubmitOrder<M>, barIndex: number): Order<M> {
    const order: Order<M> = {
      id: this.#nextOrderId++,
      side: command.side,
      type: command.type,
      intent: command.intent,
      quantity: command.quantity,
      price: command.price,
      exactPrice: command.exactPrice,
      origin: command.origin,
      activeFrom: barIndex + 1,
      tsInit: command.tsInit,
    };
    this.#pending.push(order);
    return order;
  }

  /** Cancels every resting order that `predicate` selects. */
  cancel(predicate: (order: Order<M>) => boolean): void {
    this.#pending = this.#pending.filter((order) => !predicate(order));
  }

  /** Fills or rejects each order bar `index` can execute: market orders first, then resting ones, each oldest first. */
  processBar(index: number): void {
    const { series } = this.#options;
    const open = series.open[index] as number;
    const high = series.high[index] as number;
    const low = series.low[index] as number;
    const orders = this.#pending.slice();
    this.#match(orders, index, true, open, high, low);
    this.#match(orders, index, false, open, high, low);
  }

  #match(orders: readonly Order<M>[], index: number, market: boolean, open: number, high: number, low: number): void {
    for (const order of orders) {
      if (order.activeFrom > index || (order.type === OrderType.Market) !== market) continue;
      // A fill earlier on this bar may have cancelled it (a position gone flat takes its protective exits along).
      const at = this.#pending.indexOf(order);
      if (at < 0) continue;
      const fillAt = this.#options.fillModel.match(order, open, high, low);
      if (fillAt === FillAt.None) continue;
      this.#pending.splice(at, 1);
      this.#execute(order, fillAt, index);
    }
  }

  #execute(order: Order<M>, at: FillAt, index: number): void {
    const { math, portfolio, feeModel, slippageModel, series } = this.#options;
    const held = portfolio.quantity;
    let { side, quantity } = order;
    if (order.intent === OrderIntent.Close) {
      if (held === 0) return;
      side = held > 0 ? OrderSide.Sell : OrderSide.Buy;
      quantity = Math.abs(held);
    } else if (order.intent === OrderIntent.ReduceOnly) {
      if (side === OrderSide.Sell ? held <= 0 : held >= 0) return;
      quantity = Math.min(quantity, Math.abs(held));
    }
    const time = series.time[index] as number;
    const base = at === FillAt.Open || order.exactPrice === undefined ? this.#opens.at(index) : order.exactPrice;
    const price = order.type === OrderType.Limit ? base : slippageModel.apply(base, side);
    const notional = math.mul(price, this.#units(quantity));
    const commission = feeModel.commission(notional, quantity);
    const fill = { side, quantity, price, notional, commission, time };
    const cashAfter = portfolio.cashAfter(fill);
    const shortUnits = side === OrderSide.Sell ? quantity - Math.max(0, Math.min(quantity, held)) : 0;
    const affordable =
      shortUnits > 0
        ? math.compare(portfolio.cash, math.add(math.mul(price, this.#units(shortUnits)), commission)) >= 0
        : math.sign(cashAfter) >= 0;
    if (!affordable) {
      this.rejectedCount++;
      this.#listener?.onOrderRejected({
        kind: 'OrderRejected',
        orderId: order.id,
        reason: `insufficient cash for ${side} ${quantity} at ${math.toString(price)}`,
        tsEvent: time,
      });
      return;
    }
    portfolio.applyFill(fill, cashAfter);
    this.fillCount++;
    this.#listener?.onOrderFilled({
      kind: 'OrderFilled',
      orderId: order.id,
      side,
      quantity,
      price,
      commission,
      tsEvent: time,
    });
  }

  /** `quantity` in the money type, remembered because runs mostly trade one fixed size. */
  #units(quantity: number): M {
    if (quantity !== this.#lastQuantity || this.#lastUnits === undefined) {
      this.#lastQuantity = quantity;
      this.#lastUnits = this.#options.math.fromNumber(quantity);
    }
    return this.#lastUnits;
  }
}
