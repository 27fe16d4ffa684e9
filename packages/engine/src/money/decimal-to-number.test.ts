import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { decimalToNumber } from './decimal-to-number.js';

const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,40}$/), fc.integer({ min: -60, max: 60 }))
  .map(([negative, digits, exponent]) => `${negative ? '-' : ''}${digits}e${exponent}`);

describe('decimalToNumber', () => {
  it('returns exactly what Decimal#toNumber returns, for any decimal', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const value = new Decimal(text);
        expect(Object.is(decimalToNumber(value), value.toNumber()), text).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('matches on the money the engine books: prices times units, cash minus notional and commission', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.0001, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 1e6 }),
        (price, units) => {
          const notional = new Decimal(price).times(units);
          const cash = new Decimal('100000').minus(notional).minus(notional.times('0.001'));
          expect(decimalToNumber(notional), String(notional)).toBe(notional.toNumber());
          expect(decimalToNumber(cash), String(cash)).toBe(cash.toNumber());
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('keeps zero, negative zero, and non-finite values', () => {
    for (const value of [new Decimal(0), new Decimal(-0), new Decimal(Number.NaN), new Decimal(-Infinity)]) {
      expect(Object.is(decimalToNumber(value), value.toNumber()), String(value)).toBe(true);
    }
  });
});
