import type { BarSeries } from '../data/bar-series.js';
import { ConfigError } from '../errors.js';
import type { Decimal } from '../money/decimal.js';
import { decimalArithmetic as math } from '../money/decimal-arithmetic.js';
import type { MergedCalendar } from './merged-calendar.js';
import type { PortfolioAccount } from './portfolio-account.js';
import { type PortfolioOrder, PortfolioOrderKind } from './portfolio-order.js';
import type { PortfolioContext, SymbolBar } from './portfolio-strategy.js';

/**
 * The {@link PortfolioContext} of one run, moved along by the loop: it keeps each symbol's latest row as of the
 * current portfolio bar and queues the strategy's orders for the next bar.
 */
export class LivePortfolioContext implements PortfolioContext {
  index = -1;
  lastBar = false;
  readonly symbols: readonly string[];
  /** Per symbol, its latest row at or before the current bar; −1 before its first bar. */
  readonly lastRow: Int32Array;
  /** Orders placed on the current bar, in placement order. */
  pending: PortfolioOrder[] = [];
  readonly #series: readonly BarSeries[];
  readonly #calendar: MergedCalendar;
  readonly #account: PortfolioAccount;
  readonly #indexOf: Map<string, number>;

  constructor(series: readonly BarSeries[], calendar: MergedCalendar, account: PortfolioAccount) {
    this.#series = series;
    this.#calendar = calendar;
    this.#account = account;
    this.symbols = series.map((one) => one.symbol);
    this.#indexOf = new Map(this.symbols.map((symbol, s) => [symbol, s]));
    this.lastRow = new Int32Array(series.length).fill(-1);
  }

  get time(): number {
    return this.#calendar.time[this.index] as number;
  }

  get cash(): number {
    return this.#account.cashFloat;
  }

  get equity(): number {
    const units = this.#account.units;
    let value = this.#account.cashFloat;
    for (let s = 0; s < units.length; s++) {
      const held = units[s] as number;
      if (held !== 0) value += held * ((this.#series[s] as BarSeries).close[this.lastRow[s] as number] as number);
    }
    return value;
  }

  snapshot(symbol: string): SymbolBar | undefined {
    const s = this.#symbol(symbol);
    const row = this.lastRow[s] as number;
    if (row < 0) return undefined;
    const one = this.#series[s] as BarSeries;
    return {
      time: one.time[row] as number,
      open: one.open[row] as number,
      high: one.high[row] as number,
      low: one.low[row] as number,
      close: one.close[row] as number,
      volume: one.volume[row] as number,
      current: (this.#calendar.rowAt[s] as Int32Array)[this.index] === row,
    };
  }

  closeAgo(symbol: string, barsAgo: number): number {
    const s = this.#symbol(symbol);
    let bar = this.index - barsAgo;
    if (!Number.isInteger(barsAgo) || barsAgo < 0 || bar < (this.#calendar.firstBar[s] as number)) return Number.NaN;
    const rows = this.#calendar.rowAt[s] as Int32Array;
    while ((rows[bar] as number) < 0) bar--;
    return (this.#series[s] as BarSeries).close[rows[bar] as number] as number;
  }

  units(symbol: string): number {
    return this.#account.units[this.#symbol(symbol)] as number;
  }

  buy(symbol: string, quantity: number): void {
    this.#place(symbol, PortfolioOrderKind.Buy, quantity);
  }

  sell(symbol: string, quantity: number): void {
    this.#place(symbol, PortfolioOrderKind.Sell, quantity);
  }

  close(symbol: string): void {
    this.pending.push({ symbol: this.#symbol(symbol), kind: PortfolioOrderKind.Close, quantity: 0 });
  }

  targetWeights(weights: Readonly<Record<string, number>>): void {
    const chosen = new Float64Array(this.symbols.length);
    for (const [symbol, weight] of Object.entries(weights)) {
      if (!(weight >= 0 && Number.isFinite(weight))) {
        throw new ConfigError([`targetWeights: weight of ${symbol} must be a finite number ≥ 0, got ${weight}`]);
      }
      chosen[this.#symbol(symbol)] = weight;
    }
    const units = this.#account.units;
    const closes = this.symbols.map((_, s) => {
      const row = this.lastRow[s] as number;
      return row < 0 ? undefined : math.fromNumber((this.#series[s] as BarSeries).close[row] as number);
    });
    let value = this.#account.cash;
    closes.forEach((close, s) => {
      if (close !== undefined && units[s] !== 0)
        value = math.add(value, math.mul(close, math.fromNumber(units[s] as number)));
    });
    const estimate = this.equity;
    closes.forEach((close, s) => {
      if (close === undefined) return;
      const weight = chosen[s] as number;
      const closeFloat = (this.#series[s] as BarSeries).close[this.lastRow[s] as number] as number;
      const target = weight === 0 ? 0 : targetUnits(value, estimate, weight, close, closeFloat);
      const order = target - (units[s] as number);
      if (order > 0) this.pending.push({ symbol: s, kind: PortfolioOrderKind.Buy, quantity: order });
      else if (order < 0) this.pending.push({ symbol: s, kind: PortfolioOrderKind.Sell, quantity: -order });
    });
  }

  #place(symbol: string, kind: PortfolioOrderKind, quantity: number): void {
    if (!Number.isInteger(quantity) || quantity <= 0) {
      throw new ConfigError([`${kind} ${symbol}: quantity must be a whole number of units > 0, got ${quantity}`]);
    }
    this.pending.push({ symbol: this.#symbol(symbol), kind, quantity });
  }

  #symbol(symbol: string): number {
    const s = this.#indexOf.get(symbol);
    if (s === undefined)
      throw new ConfigError([`unknown symbol '${symbol}'; this run trades ${this.symbols.join(', ')}`]);
    return s;
  }
}

/**
 * floor(V × w / close), with a weight that is exactly 1/k for a whole k applied as floor(V / (k × close)): a double
 * cannot hold 1/3 exactly, and the rounding must not cost an equal-weight holding a unit. Decimal division is the
 * dearest step of a rebalance, so the quotient is estimated in doubles (`valueFloat`, `closeFloat`) and then proven
 * exact with products: q × unit ≤ budget < (q + 1) × unit.
 */
function targetUnits(value: Decimal, valueFloat: number, weight: number, close: Decimal, closeFloat: number): number {
  const k = Math.round(1 / weight);
  const reciprocal = k >= 1 && 1 / k === weight;
  const budget = reciprocal ? value : math.mul(value, math.fromNumber(weight));
  const unit = reciprocal ? math.mul(close, math.fromNumber(k)) : close;
  let units = Math.max(0, Math.floor(reciprocal ? valueFloat / (closeFloat * k) : (valueFloat * weight) / closeFloat));
  while (units > 0 && math.compare(math.mul(unit, math.fromNumber(units)), budget) > 0) units--;
  while (math.compare(math.mul(unit, math.fromNumber(units + 1)), budget) <= 0) units++;
  return units;
}
