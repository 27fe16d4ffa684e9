/** Metrics a leaderboard can be ordered by, mapped to their column; higher is better except where noted. */
export const RankableMetrics = {
  sharpe: 'sharpe',
  sortino: 'sortino',
  totalReturn: 'total_return',
  cagr: 'cagr',
  calmar: 'calmar',
  profitFactor: 'profit_factor',
  winRate: 'win_rate',
  finalEquity: 'final_equity',
  /** Drawdowns are stored as positive fractions, so the best run has the smallest. */
  maxDrawdown: 'max_drawdown',
  volatility: 'volatility',
} as const;
/** A metric name runs can be ranked and filtered by, so a typo is a type error rather than an SQL one. */
export type RankableMetric = keyof typeof RankableMetrics;

/** Metrics where smaller is better. */
export const ascendingMetrics: ReadonlySet<RankableMetric> = new Set(['maxDrawdown', 'volatility']);
