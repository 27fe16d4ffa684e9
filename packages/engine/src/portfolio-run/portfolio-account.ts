import type { FeeModel } from '../execution/fee-model.js';
import type { SlippageModel } from '../execution/slippage-model.js';
import { Decimal, toDecimalString } from '../money/decimal.js';
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
  barsHeld: number;
  trip: OpenTrip | undefined;
}

/**
 * The one cash account of a portfolio run and its per-symbol positions, in exact decimals. Every fill moves cash and
 * the symbol's own cash flow by the same amount, so Σ per-symbol P&L = final equity − starting cash exactly.
 * {@link PortfolioAccount.cashFloat} mirrors cash as a double for the per-bar equity mark.
 */
export class PortfolioAccount {
  cash: Decimal;
  cashFloat: number;
  /** Units per symbol, as plain integers (whole units stay exact as doubles). */
  readonly units: Float64Array;
  readonly trades: PortfolioTrade[] = [];
  fills = 0;
  rejected = 0;
  readonly #books: SymbolBook[];
  readonly #symbols: readonly string[];
  readonly #fees: FeeModel<Decimal>;
  readonly #slippage: SlippageModel<Decimal>;

  constructor(cash: Decimal, symbols: readonly string[], fees: FeeModel<Decimal>, slippage: SlippageModel<Decimal>) {
    this.cash = cash;
    this.cashFloat = cash.toNumber();
    this.units = new Float64Array(symbols.length);
    this.#symbols = symbols;
    this.#fees = fees;
    this.#slippage = slippage;
    this.#books = symbols.map(() => ({
      units: 0,
      flow: new Decimal(0),
      commission: new Decimal(0),
      fills: 0,
      closedTrades: 0,
      barsHeld: 0,
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
    const notional = price.times(quantity);
    const commission = this.#fees.commission(notional, quantity);
    const flow = side === OrderSide.Buy ? notional.plus(commission).negated() : notional.minus(commission);
    const cashAfter = this.cash.plus(flow);
    if (side === OrderSide.Buy && cashAfter.isNegative()) {
      this.rejected++;
      return false;
    }
    this.cash = cashAfter;
    this.cashFloat = cashAfter.toNumber();
    this.fills++;
    const book = this.#books[symbol] as SymbolBook;
    book.flow = book.flow.plus(flow);
    book.commission = book.commission.plus(commission);
    book.fills++;
    this.#book(symbol, book, side === OrderSide.Buy ? quantity : -quantity, price, commission, time);
    return true;
  }

  /** Counts a bar closed with units held, per symbol, for its exposure. */
  markHeld(): boolean {
    let any = false;
    for (let s = 0; s < this.units.length; s++) {
      if (this.units[s] !== 0) {
        (this.#books[s] as SymbolBook).barsHeld++;
        any = true;
      }
    }
    return any;
  }

  /** One symbol's exact contribution given its last close: P&L = cash flow + units × close. */
  contribution(symbol: number, lastClose: Decimal, bars: number) {
    const book = this.#books[symbol] as SymbolBook;
    return {
      symbol: this.#symbols[symbol] as string,
      pnl: toDecimalString(book.flow.plus(lastClose.times(book.units))),
      commission: toDecimalString(book.commission),
      fills: book.fills,
      closedTrades: book.closedTrades,
      exposure: bars === 0 ? null : book.barsHeld / bars,
      finalUnits: String(book.units),
    };
  }

  /** Moves the position by `delta` units; reaching or crossing 0 closes the round trip (commission split by units). */
  #book(symbol: number, book: SymbolBook, delta: number, price: Decimal, commission: Decimal, time: number): void {
    const before = book.units;
    const after = before + delta;
    const size = Math.abs(delta);
    book.units = after;
    this.units[symbol] = after;
    if (before === 0 || Math.sign(after) === Math.sign(before)) {
      const trip = book.trip ?? this.#open(delta, time);
      book.trip = trip;
      this.#add(trip, size, price, commission, Math.abs(after) > Math.abs(before));
      return;
    }
    const closing = Math.abs(before);
    const closingCommission = closing === size ? commission : commission.times(closing).dividedBy(size);
    const trip = book.trip as OpenTrip;
    this.#add(trip, closing, price, closingCommission, false);
    this.#close(symbol, book, trip, time);
    if (after !== 0) {
      const rest = this.#open(after, time);
      this.#add(rest, Math.abs(after), price, commission.minus(closingCommission), true);
      book.trip = rest;
    }
  }

  #open(signedUnits: number, time: number): OpenTrip {
    return {
      side: signedUnits > 0 ? TradeSide.Long : TradeSide.Short,
      entryTime: time,
      entryUnits: 0,
      entryNotional: new Decimal(0),
      exitUnits: 0,
      exitNotional: new Decimal(0),
      commission: new Decimal(0),
    };
  }

  #add(trip: OpenTrip, units: number, price: Decimal, commission: Decimal, entering: boolean): void {
    trip.commission = trip.commission.plus(commission);
    if (entering) {
      trip.entryUnits += units;
      trip.entryNotional = trip.entryNotional.plus(price.times(units));
    } else {
      trip.exitUnits += units;
      trip.exitNotional = trip.exitNotional.plus(price.times(units));
    }
  }

  #close(symbol: number, book: SymbolBook, trip: OpenTrip, time: number): void {
    book.closedTrades++;
    book.trip = undefined;
    const gross =
      trip.side === TradeSide.Long
        ? trip.exitNotional.minus(trip.entryNotional)
        : trip.entryNotional.minus(trip.exitNotional);
    this.trades.push({
      symbol: this.#symbols[symbol] as string,
      entryTime: trip.entryTime,
      exitTime: time,
      side: trip.side,
      quantity: trip.entryUnits,
      entryPrice: toDecimalString(trip.entryNotional.dividedBy(trip.entryUnits)),
      exitPrice: toDecimalString(trip.exitNotional.dividedBy(trip.exitUnits)),
      pnl: toDecimalString(gross.minus(trip.commission)),
      commission: toDecimalString(trip.commission),
    });
  }
}
