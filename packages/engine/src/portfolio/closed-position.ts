import type { TradeSide } from './trade.js';

/**
 * A round trip in the run's money type; {@link Trade} is its reported form. Kept separate so the hot path never
 * formats decimals.
 * @typeParam M - the run's money type
 */
export interface ClosedPosition<M> {
  readonly entryTime: number;
  readonly exitTime: number;
  readonly side: TradeSide;
  readonly quantity: number;
  readonly entryPrice: M;
  readonly exitPrice: M;
  readonly pnl: M;
  readonly commission: M;
}
