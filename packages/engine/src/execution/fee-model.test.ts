import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Commission } from '../backtest-config.js';
import { Decimal } from '../money/decimal.js';
import { decimalArithmetic } from '../money/decimal-arithmetic.js';
import { createFeeModel } from './fee-model.js';

const fee = (commission: Commission | undefined, notional: string, quantity: number) =>
  createFeeModel(commission, decimalArithmetic).commission(new Decimal(notional), quantity).toFixed();

describe('createFeeModel', () => {
  it('charges nothing by default', () => {
    expect(fee(undefined, '1000', 10)).toBe('0');
  });

  it('charges a percent of notional, exactly', () => {
    expect(fee({ kind: 'percent', rate: '0.001' }, '217.9012', 100)).toBe('0.2179012');
  });

  it('charges per share', () => {
    expect(fee({ kind: 'per_share', amount: '0.005' }, '1000', 300)).toBe('1.5');
  });

  it('charges a fixed amount per fill', () => {
    expect(fee({ kind: 'fixed', amount: '4.95' }, '1000', 300)).toBe('4.95');
  });

  it('applies the per-fill minimum', () => {
    expect(fee({ kind: 'percent', rate: '0.001', minimum: '1' }, '100', 10)).toBe('1');
    expect(fee({ kind: 'per_share', amount: '0.005', minimum: '1' }, '100', 10)).toBe('1');
    expect(fee({ kind: 'percent', rate: '0.001', minimum: '1' }, '5000', 10)).toBe('5');
  });

  it('never charges a negative commission', () => {
    const amount = fc.integer({ min: 0, max: 1_000_000 }).map((n) => (n / 10_000).toString());
    const commission: fc.Arbitrary<Commission> = fc.oneof(
      fc.record({ kind: fc.constant('percent' as const), rate: amount, minimum: amount }),
      fc.record({ kind: fc.constant('per_share' as const), amount, minimum: amount }),
      fc.record({ kind: fc.constant('fixed' as const), amount }),
    );
    fc.assert(
      fc.property(commission, fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (c, notional, q) => {
        expect(new Decimal(fee(c, String(notional), q)).isNegative()).toBe(false);
      }),
    );
  });
});
