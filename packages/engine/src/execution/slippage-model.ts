import type { Arithmetic } from '../money/arithmetic.js';
import { OrderSide } from '../orders/order.js';

/**
 * Moves a fill price against the trader: buys pay more, sells receive less.
 * @typeParam M - the run's money type
 */
export interface SlippageModel<M> {
  apply(price: M, side: OrderSide): M;
}

/**
 * Slippage of `bps` basis points of the price. At 0 bps the price passes through untouched, so the common case
 * costs no decimal arithmetic.
 *
 * @example
 * createSlippageModel(5, decimalArithmetic).apply(new Decimal('10'), 'buy'); // 10.005
 */
export function createSlippageModel<M>(bps: number, math: Arithmetic<M>): SlippageModel<M> {
  if (bps === 0) return { apply: (price) => price };
  const fraction = math.div(math.fromNumber(bps), math.fromNumber(10_000));
  const one = math.fromNumber(1);
  const up = math.add(one, fraction);
  const down = math.sub(one, fraction);
  return { apply: (price, side) => math.mul(price, side === OrderSide.Buy ? up : down) };
}
