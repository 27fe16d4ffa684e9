import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/decimal.js';
import { decimalArithmetic } from '../money/decimal-arithmetic.js';
import type { OrderSide } from '../orders/order.js';
import { type Fill, Portfolio } from './portfolio.js';

const math = decimalArithmetic;

function book(
  portfolio: Portfolio<Decimal>,
  side: OrderSide,
  quantity: number,
  price: string,
  commission = '0',
  time = 0,
) {
  const p = new Decimal(price);
  const fill: Fill<Decimal> = {
    side,
    quantity,
    price: p,
    notional: p.times(quantity),
    commission: new Decimal(commission),
    time,
  };
  portfolio.applyFill(fill, portfolio.cashAfter(fill));
}

describe('Portfolio', () => {
  it('books a long round trip with both commissions in the trade P&L', () => {
    const portfolio = new Portfolio(math, new Decimal('100000'));
    book(portfolio, 'buy', 100, '12', '1.2', 1);
    book(portfolio, 'sell', 100, '7', '0.7', 2);
    expect(portfolio.cash.toFixed()).toBe('99498.1');
    const [trade] = portfolio.closedPositions;
    expect(trade?.pnl.toFixed()).toBe('-501.9');
    expect(trade?.commission.toFixed()).toBe('1.9');
    expect([trade?.entryTime, trade?.exitTime, trade?.side]).toEqual([1, 2, 'long']);
  });

  it('books a short round trip: profit when the price falls', () => {
    const portfolio = new Portfolio(math, new Decimal('1000'));
    book(portfolio, 'sell', 10, '100', '1');
    expect(portfolio.quantity).toBe(-10);
    expect(portfolio.equity(new Decimal('100')).toFixed(), 'only the commission is lost at entry price').toBe('999');
    book(portfolio, 'buy', 10, '90', '1');
    expect(portfolio.closedPositions[0]?.pnl.toFixed()).toBe('98');
    expect(portfolio.cash.toFixed()).toBe('1098');
  });

  it('realizes a partial close against the proportional cost basis', () => {
    const portfolio = new Portfolio(math, new Decimal('10000'));
    book(portfolio, 'buy', 10, '100');
    book(portfolio, 'buy', 10, '110');
    book(portfolio, 'sell', 5, '120');
    expect(portfolio.position?.realizedPnl.toFixed(), '600 − 2100 × 5/20').toBe('75');
    book(portfolio, 'sell', 15, '100');
    const [trade] = portfolio.closedPositions;
    expect(trade?.entryPrice.toFixed()).toBe('105');
    expect(trade?.exitPrice.toFixed()).toBe('105');
    expect(trade?.quantity).toBe(20);
    expect(trade?.pnl.toFixed()).toBe('0');
  });

  it('flips from long to short, closing the trade and splitting the commission', () => {
    const portfolio = new Portfolio(math, new Decimal('10000'));
    book(portfolio, 'buy', 10, '100');
    book(portfolio, 'sell', 20, '110', '2');
    expect(portfolio.quantity).toBe(-10);
    expect(portfolio.closedPositions[0]?.pnl.toFixed(), '100 profit − half the commission').toBe('99');
    expect(portfolio.position?.side).toBe('short');
    expect(portfolio.position?.costBasis.toFixed()).toBe('1100');
    expect(portfolio.position?.commission.toFixed()).toBe('1');
  });

  it('changes nothing on a zero-cost round trip at equal prices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom<OrderSide>('buy', 'sell'),
        (quantity, cents, side) => {
          const portfolio = new Portfolio(math, new Decimal('1000000000'));
          const price = (cents / 100).toString();
          book(portfolio, side, quantity, price);
          book(portfolio, side === 'buy' ? 'sell' : 'buy', quantity, price);
          expect(portfolio.cash.toFixed()).toBe('1000000000');
          expect(portfolio.quantity).toBe(0);
          expect(portfolio.closedPositions[0]?.pnl.isZero()).toBe(true);
        },
      ),
    );
  });

  it('keeps cash + position at market equal to starting cash + realized and unrealized P&L after every fill (to the rounding of a partial close)', () => {
    const fillArb = fc.record({
      side: fc.constantFrom<OrderSide>('buy', 'sell'),
      quantity: fc.integer({ min: 1, max: 50 }),
      cents: fc.integer({ min: 1, max: 100_000 }),
      commissionCents: fc.integer({ min: 0, max: 500 }),
    });
    fc.assert(
      fc.property(
        fc.array(fillArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 100_000 }),
        (fills, markCents) => {
          const start = new Decimal('1000000');
          const portfolio = new Portfolio(math, start);
          const mark = new Decimal(markCents).dividedBy(100);
          for (const f of fills) {
            book(portfolio, f.side, f.quantity, (f.cents / 100).toString(), (f.commissionCents / 100).toString());
            let expected = start;
            for (const closed of portfolio.closedPositions) expected = expected.plus(closed.pnl);
            const open = portfolio.position;
            if (open !== undefined) {
              const value = mark.times(open.quantity);
              const unrealized = open.side === 'long' ? value.minus(open.costBasis) : open.costBasis.minus(value);
              expected = expected.plus(open.realizedPnl).minus(open.commission).plus(unrealized);
              expect(open.side === 'long' ? portfolio.quantity : -portfolio.quantity).toBe(open.quantity);
            } else {
              expect(portfolio.quantity).toBe(0);
            }
            const error = portfolio.equity(mark).minus(expected).abs();
            expect(error.lte('1e-20'), `partial closes divide at 34 digits; error ${error}`).toBe(true);
          }
        },
      ),
    );
  });
});
