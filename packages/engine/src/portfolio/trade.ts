/** Direction of a round trip. */
export const TradeSide = { Long: 'long', Short: 'short' } as const;
export type TradeSide = (typeof TradeSide)[keyof typeof TradeSide];

/**
 * One closed round trip, from flat back to flat, as reported to callers. Money fields are exact decimal strings.
 */
export interface Trade {
  /** Time of the bar whose open filled the first entry. */
  readonly entryTime: number;
  readonly exitTime: number;
  readonly side: TradeSide;
  /** Total units entered (equals total units exited). */
  readonly quantity: number;
  /** Quantity-weighted average entry fill price. */
  readonly entryPrice: string;
  /** Quantity-weighted average exit fill price. */
  readonly exitPrice: string;
  /** Realized P&L after every commission of the round trip. A trade wins when this is > 0. */
  readonly pnl: string;
  /** Sum of the round trip's commissions. */
  readonly commission: string;
}
