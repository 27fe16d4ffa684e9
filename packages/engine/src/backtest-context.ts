import type { BarCursor } from './data/bar-cursor.js';
import type { BarSeries } from './data/bar-series.js';
import { InvariantViolationError } from './errors.js';
import type { SimulatedBroker } from './execution/simulated-broker.js';
import type { Arithmetic } from './money/arithmetic.js';
import { OrderIntent, OrderOrigin, OrderSide, OrderType } from './orders/order.js';
import type { Portfolio } from './portfolio/portfolio.js';
import type { PositionSizer } from './risk/position-sizer.js';
import type { RiskEngine } from './risk/risk-engine.js';
import { Line } from './strategy/line.js';
import type { BarLines, OrderRequest, Strategy, StrategyContext } from './strategy/strategy.js';

/** The collaborators a {@link BacktestContext} routes a strategy's commands through. */
export interface BacktestContextParts<M> {
  readonly series: BarSeries;
  readonly cursor: BarCursor;
  readonly math: Arithmetic<M>;
  readonly portfolio: Portfolio<M>;
  readonly broker: SimulatedBroker<M>;
  readonly risk: RiskEngine<M>;
  readonly sizer: PositionSizer<M>;
  /** The first bar of the trading window; orders placed on earlier (warm-up) bars are dropped. @defaultValue 0 */
  readonly firstTradingIndex?: number;
}

/**
 * The engine's {@link StrategyContext}: reads go through the shared cursor, and every order becomes a
 * `SubmitOrder` that is sized, checked by the risk engine, then queued at the broker for the next bar.
 * @typeParam M - the run's money type
 */
export class BacktestContext<M> implements StrategyContext {
  readonly bars: BarLines;
  readonly #parts: BacktestContextParts<M>;
  #strategy: Strategy | undefined;

  constructor(parts: BacktestContextParts<M>) {
    this.#parts = parts;
    const { series, cursor } = parts;
    this.bars = {
      open: new Line(series.open, cursor),
      high: new Line(series.high, cursor),
      low: new Line(series.low, cursor),
      close: new Line(series.close, cursor),
      volume: new Line(series.volume, cursor),
    };
  }

  /** The strategy told about its denied orders. */
  attach(strategy: Strategy): void {
    this.#strategy = strategy;
  }

  get index(): number {
    return this.#parts.cursor.index;
  }

  get time(): number {
    return this.#parts.series.time[this.#parts.cursor.index] ?? Number.NaN;
  }

  get position(): number {
    return this.#parts.portfolio.quantity;
  }

  get pendingOrders(): number {
    return this.#parts.broker.pendingCount;
  }

  buy(request?: OrderRequest): void {
    this.#submit(OrderSide.Buy, request);
  }

  sell(request?: OrderRequest): void {
    this.#submit(OrderSide.Sell, request);
  }

  close(): void {
    const { series, cursor, portfolio, broker } = this.#parts;
    const index = cursor.index;
    if (index < 0) throw new InvariantViolationError('orders can only be placed once bars have started (from onBar)');
    if (this.#warmingUp(index)) return;
    // Placed even when flat now: an order placed earlier on this bar may open a position before this one fills.
    // It is sized at the fill and never denied, since it can only take risk off.
    broker.submit(
      {
        kind: 'SubmitOrder',
        side: portfolio.quantity < 0 ? OrderSide.Buy : OrderSide.Sell,
        type: OrderType.Market,
        intent: OrderIntent.Close,
        quantity: 0,
        price: Number.NaN,
        exactPrice: undefined,
        origin: OrderOrigin.Strategy,
        tsInit: series.time[index] as number,
      },
      index,
    );
  }

  cancelAll(): void {
    this.#parts.broker.cancel((order) => order.origin === OrderOrigin.Strategy);
  }

  /** Whether bar `index` is warm-up, before the trading window, where no order is placed. */
  #warmingUp(index: number): boolean {
    return index < (this.#parts.firstTradingIndex ?? 0);
  }

  #submit(side: OrderSide, request: OrderRequest | undefined): void {
    const { series, cursor, math, portfolio, broker, risk, sizer } = this.#parts;
    const index = cursor.index;
    if (index < 0) throw new InvariantViolationError('orders can only be placed once bars have started (from onBar)');
    if (this.#warmingUp(index)) return;
    const close = series.close[index] as number;
    const type = request?.type ?? OrderType.Market;
    const price = type === OrderType.Market ? Number.NaN : (request?.price ?? Number.NaN);
    if (type !== OrderType.Market && !(price > 0 && Number.isFinite(price))) {
      throw new InvariantViolationError(`${type} order needs a finite price > 0, got ${price}`);
    }
    const quantity = request?.quantity ?? sizer.units(portfolio, close);
    if (!Number.isSafeInteger(quantity) || quantity < 0) {
      throw new InvariantViolationError(`order quantity must be whole units ≥ 0, got ${quantity}`);
    }
    const command = {
      kind: 'SubmitOrder',
      side,
      type,
      intent: OrderIntent.Exact,
      quantity,
      price,
      exactPrice: type === OrderType.Market ? undefined : math.fromNumber(price),
      origin: OrderOrigin.Strategy,
      tsInit: series.time[index] as number,
    } as const;
    const denied = risk.check(command, close);
    if (denied === undefined) broker.submit(command, index);
    else this.#strategy?.onOrderRejected?.(denied, this);
  }
}
