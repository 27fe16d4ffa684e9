import type { FeeModel } from '../execution/fee-model.js';
import type { SlippageModel } from '../execution/slippage-model.js';
import type { Decimal } from '../money/decimal.js';
import { decimalArithmetic as math } from '../money/decimal-arithmetic.js';
import { OrderSide } from '../orders/order.js';
import { TradeSide } from '../portfolio/trade.js';
import type { PortfolioTrade } from './portfolio-trade.js';

/** The open round trip of one symbol, accumulated fill by fill. */
interface OpenTrip {
  readonly side: TradeSide;
  readonly entryTime: number;
  entryUnits: number;
  entryNotional: Decimal;
  exitUnits: number;
  exitNotional: Decimal;
  commission: Decimal;
}

/** What one symbol added to the run, kept exactly. */
interface SymbolBook {
  units: number;
  /** Sale proceeds minus purchase costs minus commissions, so far. */
  flow: Decimal;
  commission: Decimal;
  fills: number;
  closedTrades: number;
  trip: OpenTrip | undefined;
}

/**
 * The one cash account of a portfolio run and its per-symbol positions, in exact decimals. Every fill moves cash and
 * the symbol's own cash flow by the same amount, so Σ per-symbol P&L = final equity − starting cash exactly.
 * {@link PortfolioAccount.cashFloat} mirrors cash as a double for the per-bar equity mark.
 */
export class PortfolioAccount {
  cash: Decimal;
  /** Cash as a double, moved by each fill's flow; only for the approximate per-bar equity marks. */
  cashFloat: number;
  /** Units per symbol, as plain integers (whole units stay exact as doubles). */
  readonly units: Float64Array;
  /** Per symbol, the bars closed with units held; the loop counts them, for each symbol's exposure. */
  readonly barsHeld: Int32Array;
  readonly trades: PortfolioTrade[] = [];
  fills = 0;
  rejected = 0;
  readonly #books: SymbolBook[];
  readonly #symbols: readonly string[];
  readonly #fees: FeeModel<Decimal>;
  readonly #slippage: SlippageModel<Decimal>;

  constructor(cash: Decimal, symbols: readonly string[], fees: FeeModel<Decimal>, slippage: SlippageModel<Decimal>) {
    this.cash = cash;
    this.cashFloat = math.toNumber(cash);
    this.units = new Float64Array(symbols.length);
    this.barsHeld = new Int32Array(symbols.length);
    this.#symbols = symbols;
    this.#fees = fees;
    this.#slippage = slippage;
    this.#books = symbols.map(() => ({
      units: 0,
      flow: math.zero,
      commission: math.zero,
      fills: 0,
      closedTrades: 0,
      trip: undefined,
    }));
  }

  /**
   * Executes a market order of `quantity` whole units at `open` (before slippage). A buy is rejected whole when the
   * cash at this moment cannot pay price × units + commission; exactly 0 left is allowed. Sells always fill.
   * @returns whether it filled
   */
  execute(symbol: number, side: OrderSide, quantity: number, open: Decimal, time: number): boolean {
    const price = this.#slippage.apply(open, side);
    const notional = math.mul(price, math.fromNumber(quantity));
    const commission = this.#fees.commission(notional, quantity);
    const buy = side === OrderSide.Buy;
    const flow = buy ? math.sub(math.zero, math.add(notional, commission)) : math.sub(notional, commission);
    const cashAfter = math.add(this.cash, flow);
    if (buy && math.sign(cashAfter) < 0) {
      this.rejected++;
      return false;
    }
    this.cash = cashAfter;
    // Cash soon has more digits than a double's fast conversion takes; its flows rarely do, and the mark is approximate.
    this.cashFloat += math.toNumber(flow);
    this.fills++;
    const book = this.#books[symbol] as SymbolBook;
    book.flow = math.add(book.flow, flow);
    book.commission = math.add(book.commission, commission);
    book.fills++;
    this.#book(symbol, book, buy ? quantity : -quantity, price, notional, commission, time);
    return true;
  }

  /** One symbol's exact contribution given its last close: P&L = cash flow + units × close. */
  contribution(symbol: number, lastClose: Decimal, bars: number) {
    const book = this.#books[symbol] as SymbolBook;
    return {
      symbol: this.#symbols[symbol] as string,
      pnl: math.toString(math.add(book.flow, math.mul(lastClose, math.fromNumber(book.units)))),
      commission: math.toString(book.commission),
      fills: book.fills,
      closedTrades: book.closedTrades,
      exposure: bars === 0 ? null : (this.barsHeld[symbol] as number) / bars,
      finalUnits: String(book.units),
    };
  }

  /** Moves the position by `delta` units; reaching or crossing 0 closes the round trip (commission split by units). */
  #book(
    symbol: number,
    book: SymbolBook,
    delta: number,
    price: Decimal,
    notional: Decimal,
    commission: Decimal,
    time: number,
  ): void {
    const before = book.units;
    const after = before + delta;
    const size = Math.abs(delta);
    book.units = after;
    this.units[symbol] = after;
    if (before === 0 || Math.sign(after) === Math.sign(before)) {
      const trip = book.trip ?? this.#open(delta, time);
      book.trip = trip;
      this.#add(trip, size, notional, commission, Math.abs(after) > Math.abs(before));
      return;
    }
    // The fill closes the round trip and, past 0, opens the opposite one: units and commission split between them.
    const closing = Math.abs(before);
    const part = (units: number) => math.mul(price, math.fromNumber(units));
    const closingCommission =
      closing === size ? commission : math.div(math.mul(commission, math.fromNumber(closing)), math.fromNumber(size));
    const trip = book.trip as OpenTrip;
    this.#add(trip, closing, closing === size ? notional : part(closing), closingCommission, false);
    this.#close(symbol, book, trip, time);
    if (after !== 0) {
      const rest = this.#open(after, time);
      this.#add(rest, Math.abs(after), part(Math.abs(after)), math.sub(commission, closingCommission), true);
      book.trip = rest;
    }
  }

  #open(signedUnits: number, time: number): OpenTrip {
    return {
      side: signedUnits > 0 ? TradeSide.Long : TradeSide.Short,
      entryTime: time,
      entryUnits: 0,
      entryNotional: math.zero,
      exitUnits: 0,
      exitNotional: math.zero,
      commission: math.zero,
    };
  }

  #add(trip: OpenTrip, units: number, notional: Decimal, commission: Decimal, entering: boolean): void {
    trip.commission = math.add(trip.commission, commission);
    if (entering) {
      trip.entryUnits += units;
      trip.entryNotional = math.add(trip.entryNotional, notional);
    } else {
      trip.exitUnits += units;
      trip.exitNotional = math.add(trip.exitNotional, notional);
    }
  }

  #close(symbol: number, book: SymbolBook, trip: OpenTrip, time: number): void {
    book.closedTrades++;
    book.trip = undefined;
    const gross =
      trip.side === TradeSide.Long
        ? math.sub(trip.exitNotional, trip.entryNotional)
        : math.sub(trip.entryNotional, trip.exitNotional);
    this.trades.push({
      symbol: this.#symbols[symbol] as string,
      entryTime: trip.entryTime,
      exitTime: time,
      side: trip.side,
      quantity: trip.entryUnits,
      entryPrice: math.toString(math.div(trip.entryNotional, math.fromNumber(trip.entryUnits))),
      exitPrice: math.toString(math.div(trip.exitNotional, math.fromNumber(trip.exitUnits))),
      pnl: math.toString(math.sub(gross, trip.commission)),
      commission: math.toString(trip.commission),
    });
  }
}
