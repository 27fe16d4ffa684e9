/**
 * Fraction of closed trades that won (P&L after commissions > 0); `null` without closed trades.
 * @example
 * winRate(36, 97); // ≈ 0.371
 */
export function winRate(winningTrades: number, closedTrades: number): number | null {
  return closedTrades === 0 ? null : winningTrades / closedTrades;
}
