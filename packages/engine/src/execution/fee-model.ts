import type { Commission } from '../backtest-config.js';
import type { Arithmetic } from '../money/arithmetic.js';

/**
 * Commission charged on one fill. Always ≥ 0: every rate and amount is a non-negative decimal.
 * @typeParam M - the run's money type
 */
export interface FeeModel<M> {
  commission(notional: M, quantity: number): M;
}

/**
 * Builds the fee model a {@link Commission} describes: percent of notional (the default, at rate 0), per share,
 * or fixed per fill, each with an optional per-fill minimum.
 *
 * @example
 * const fees = createFeeModel({ kind: 'percent', rate: '0.001' }, decimalArithmetic);
 * fees.commission(new Decimal('217.9012'), 100); // 0.2179012
 */
export function createFeeModel<M>(commission: Commission | undefined, math: Arithmetic<M>): FeeModel<M> {
  const spec = commission ?? { kind: 'percent', rate: '0' };
  if (spec.kind === 'fixed') {
    const amount = math.parse(spec.amount);
    return { commission: () => amount };
  }
  const minimum = spec.minimum === undefined ? undefined : math.parse(spec.minimum);
  const floor = (fee: M): M => (minimum === undefined ? fee : math.max(fee, minimum));
  if (spec.kind === 'per_share') {
    const amount = math.parse(spec.amount);
    return { commission: (_notional, quantity) => floor(math.mul(amount, math.fromNumber(quantity))) };
  }
  const rate = math.parse(spec.rate);
  if (math.sign(rate) === 0) return { commission: () => floor(math.zero) };
  return { commission: (notional) => floor(math.mul(notional, rate)) };
}
