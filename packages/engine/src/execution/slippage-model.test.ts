import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/decimal.js';
import { decimalArithmetic } from '../money/decimal-arithmetic.js';
import { createSlippageModel } from './slippage-model.js';

describe('createSlippageModel', () => {
  it('moves buys up and sells down by bps, exactly', () => {
    const model = createSlippageModel(5, decimalArithmetic);
    expect(model.apply(new Decimal('10'), 'buy').toFixed()).toBe('10.005');
    expect(model.apply(new Decimal('10'), 'sell').toFixed()).toBe('9.995');
  });

  it('passes prices through untouched at 0 bps', () => {
    const price = new Decimal('2.179012');
    expect(createSlippageModel(0, decimalArithmetic).apply(price, 'buy')).toBe(price);
  });
});
