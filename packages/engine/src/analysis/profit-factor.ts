/**
 * Gross profit of winning trades over the gross loss of losing ones; `null` when no trade lost (the ratio is
 * undefined, not infinite, so it serializes).
 * @example
 * profitFactor([30, -10, -5]); // 2
 */
export function profitFactor(tradePnls: readonly number[]): number | null {
  let profit = 0;
  let loss = 0;
  for (const pnl of tradePnls) {
    if (pnl > 0) profit += pnl;
    else loss -= pnl;
  }
  return loss > 0 ? profit / loss : null;
}
