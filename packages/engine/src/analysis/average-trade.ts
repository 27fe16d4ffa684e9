/**
 * Mean P&L per closed trade after commissions, in money units; `null` without closed trades.
 * @example
 * averageTrade([30, -10]); // 10
 */
export function averageTrade(tradePnls: readonly number[]): number | null {
  if (tradePnls.length === 0) return null;
  let sum = 0;
  for (const pnl of tradePnls) sum += pnl;
  return sum / tradePnls.length;
}
