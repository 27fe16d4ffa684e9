import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { decimalArithmetic } from './decimal-arithmetic.js';
import { ExactPriceColumn } from './exact-price-column.js';

describe('ExactPriceColumn', () => {
  const prices = Float64Array.of(2.179012, 0.1, 1e-7, 123456.789);

  it('gives each bar the decimal fromNumber gives, converting it once', () => {
    const column = new ExactPriceColumn(prices, decimalArithmetic);
    prices.forEach((price, i) => {
      expect(column.at(i).equals(new Decimal(price)), `bar ${i}`).toBe(true);
      expect(column.at(i), 'the same immutable decimal on every ask, so sweep runs share it').toBe(column.at(i));
    });
  });

  it('prints its own prices and any other value exactly as toString does', () => {
    const column = new ExactPriceColumn(prices, decimalArithmetic);
    prices.forEach((_, i) => {
      expect(column.textOf(column.at(i))).toBe(decimalArithmetic.toString(column.at(i)));
      expect(column.textOf(column.at(i)), 'remembered text').toBe(decimalArithmetic.toString(column.at(i)));
    });
    const other = new Decimal('-17.5483');
    expect(column.textOf(other), 'not a column price').toBe('-17.5483');
  });
});
