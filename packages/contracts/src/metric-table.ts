/**
 * How a metric's value is typed: a float (stored as `double precision`), a count (`integer`) or an exact decimal
 * (`numeric`, a decimal string on the wire).
 */
export type MetricType = 'float' | 'integer' | 'decimal';

/**
 * How tables show a value: `number` (a ratio such as Sharpe), `percent` (a fraction shown ×100), `count` (as is) or
 * `money` (an amount of the account currency).
 */
type MetricFormat = 'number' | 'percent' | 'count' | 'money';

/**
 * Where a run outcome carries a metric: among the engine's approximate `statistics` (`RunOutcome.metrics`), or as an
 * exact `ledger` total beside them (`RunOutcome.finalEquity`, …).
 */
type MetricSource = 'statistics' | 'ledger';

/** One row of the {@link MetricTable}. */
export interface MetricDefinition {
  /** The `runs` column that stores it. */
  readonly column: string;
  readonly type: MetricType;
  readonly source: MetricSource;
  /** Whether `fleet sweep results --by` can rank by it. */
  readonly rankable: boolean;
  /** Whether the best run has the largest value; ranking puts the best first. */
  readonly higherIsBetter: boolean;
  readonly format: MetricFormat;
  /** A table's column header. */
  readonly label: string;
  /** Whether compact tables (the CLI's results) show it by default. */
  readonly headline: boolean;
  /** One line a person reads next to the column. */
  readonly description: string;
}

/**
 * Every number a succeeded run stores, defined once: the outcome schema, the `runs` columns, the names `--where` and
 * `--by` accept, the CLI's tables, the export's columns and the dashboard's columns are derived from it, in this
 * order. Adding a metric is one entry here plus a migration adding its column.
 */
export const MetricTable = {
  finalEquity: {
    column: 'final_equity',
    type: 'decimal',
    source: 'ledger',
    rankable: true,
    higherIsBetter: true,
    format: 'money',
    label: 'Final equity',
    headline: true,
    description: 'Cash plus positions marked at the last close, exact',
  },
  closedTrades: {
    column: 'closed_trades',
    type: 'integer',
    source: 'ledger',
    rankable: false,
    higherIsBetter: true,
    format: 'count',
    label: 'Trades',
    headline: true,
    description: 'Round trips closed during the run',
  },
  winningTrades: {
    column: 'winning_trades',
    type: 'integer',
    source: 'ledger',
    rankable: false,
    higherIsBetter: true,
    format: 'count',
    label: 'Winners',
    headline: false,
    description: 'Closed trades with a positive P&L after commissions',
  },
  totalReturn: {
    column: 'total_return',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: true,
    format: 'percent',
    label: 'Return',
    headline: true,
    description: 'Final equity over initial cash, minus one',
  },
  cagr: {
    column: 'cagr',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: true,
    format: 'percent',
    label: 'CAGR',
    headline: false,
    description: 'Compound annual growth over calendar time',
  },
  volatility: {
    column: 'volatility',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: false,
    format: 'percent',
    label: 'Volatility',
    headline: false,
    description: 'Annualized standard deviation of bar returns',
  },
  sharpe: {
    column: 'sharpe',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: true,
    format: 'number',
    label: 'Sharpe',
    headline: true,
    description: 'Annualized mean excess bar return over its standard deviation',
  },
  sortino: {
    column: 'sortino',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: true,
    format: 'number',
    label: 'Sortino',
    headline: false,
    description: 'Like Sharpe, over the downside deviation only',
  },
  maxDrawdown: {
    column: 'max_drawdown',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: false,
    format: 'percent',
    label: 'Max DD',
    headline: true,
    description: 'Deepest fall from a running peak of equity, as a fraction',
  },
  maxDrawdownDuration: {
    column: 'max_drawdown_duration',
    type: 'integer',
    source: 'statistics',
    rankable: false,
    higherIsBetter: false,
    format: 'count',
    label: 'DD bars',
    headline: false,
    description: 'Longest stretch below a previous peak, in bars',
  },
  calmar: {
    column: 'calmar',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: true,
    format: 'number',
    label: 'Calmar',
    headline: false,
    description: 'CAGR over max drawdown',
  },
  winRate: {
    column: 'win_rate',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: true,
    format: 'percent',
    label: 'Win rate',
    headline: true,
    description: 'Winning trades over closed trades',
  },
  profitFactor: {
    column: 'profit_factor',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: true,
    format: 'number',
    label: 'Profit f.',
    headline: false,
    description: 'Gross profit over gross loss of closed trades; undefined without a losing trade',
  },
  averageTrade: {
    column: 'average_trade',
    type: 'float',
    source: 'statistics',
    rankable: false,
    higherIsBetter: true,
    format: 'number',
    label: 'Avg trade',
    headline: false,
    description: 'Mean P&L per closed trade after commissions',
  },
  exposure: {
    column: 'exposure',
    type: 'float',
    source: 'statistics',
    rankable: false,
    higherIsBetter: false,
    format: 'percent',
    label: 'Exposure',
    headline: false,
    description: 'Fraction of bars closed in the market',
  },
  excessReturn: {
    column: 'excess_return',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: true,
    format: 'percent',
    label: 'Excess',
    headline: false,
    description: 'Return minus buy-and-hold of the same symbol over the same bars (close to close, no costs)',
  },
  barSharpe: {
    column: 'bar_sharpe',
    type: 'float',
    source: 'statistics',
    rankable: true,
    higherIsBetter: true,
    format: 'number',
    label: 'Bar SR',
    headline: false,
    description:
      'Per-bar Sharpe: mean over sample std of bar returns, not annualized, no risk-free rate; what PSR, DSR and PBO use',
  },
} as const satisfies Readonly<Record<string, MetricDefinition>>;

/** A metric's name: its key in the {@link MetricTable} and on the wire. */
export type MetricName = keyof typeof MetricTable;
/** The `runs` column of a metric. */
export type MetricColumn = (typeof MetricTable)[MetricName]['column'];
/** Metrics carried in `RunOutcome.metrics`. */
export type StatisticName = {
  [N in MetricName]: (typeof MetricTable)[N]['source'] extends 'statistics' ? N : never;
}[MetricName];
/** Metrics carried beside `RunOutcome.metrics`, as exact totals. */
export type LedgerName = Exclude<MetricName, StatisticName>;
/** Metrics a ranking can order by. */
export type RankableMetric = {
  [N in MetricName]: (typeof MetricTable)[N]['rankable'] extends true ? N : never;
}[MetricName];

/** Every metric name in table order. */
export const MetricNames = Object.keys(MetricTable) as MetricName[];

/** The names of the metrics `--by` ranks by, in table order. */
export const RankableMetrics = MetricNames.filter((n) => MetricTable[n].rankable) as RankableMetric[];

/** The metrics of `RunOutcome.metrics`, in table order. */
export const StatisticNames = MetricNames.filter((n): n is StatisticName => MetricTable[n].source === 'statistics');

/** The metrics a succeeded outcome carries beside `metrics`, in table order. */
export const LedgerNames = MetricNames.filter((n): n is LedgerName => MetricTable[n].source === 'ledger');
