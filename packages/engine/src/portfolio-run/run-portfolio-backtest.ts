import { drawdowns } from '../analysis/drawdowns.js';
import { maxDrawdown } from '../analysis/max-drawdown.js';
import { performanceReport } from '../analysis/performance-report.js';
import { periodsPerYear } from '../analysis/periods-per-year.js';
import { sampleEquityCurve } from '../analysis/sample-equity-curve.js';
import { BacktestConfig, describeIssues } from '../backtest-config.js';
import type { BarSeries } from '../data/bar-series.js';
import { validateBars } from '../data/validate-bars.js';
import { ConfigError } from '../errors.js';
import { createFeeModel } from '../execution/fee-model.js';
import { createSlippageModel } from '../execution/slippage-model.js';
import type { Decimal } from '../money/decimal.js';
import { decimalArithmetic } from '../money/decimal-arithmetic.js';
import { preparePortfolioStrategy } from '../strategy/strategy-registry.js';
import { LivePortfolioContext } from './live-portfolio-context.js';
import { MergedCalendar } from './merged-calendar.js';
import { PortfolioAccount } from './portfolio-account.js';
import { runPortfolioLoop } from './portfolio-loop.js';
import type { PortfolioBacktestResult } from './portfolio-result.js';

/** About how many bars of weights a result carries: enough for a chart, small enough to store or replay cheaply. */
const WEIGHT_POINTS = 500;

/** Settings that act on one position of a single-symbol run and have no meaning across a portfolio (yet). */
const singleSymbolOnly = ['stopLoss', 'takeProfit', 'maxPositionFraction'] as const;

/**
 * Runs one portfolio strategy over several series from one cash account with exact decimal accounting: bars are
 * merged in time order (see {@link runPortfolioLoop} for the calendar and fill rules) and metrics are computed on
 * portfolio equity exactly as for a single-symbol run. Pure and deterministic. The run's sizing setting does not
 * apply: portfolio strategies size their own orders.
 *
 * @throws {@link ConfigError} for a bad config, parameters, a single-symbol strategy, duplicate symbols or mixed
 * intervals; {@link InvalidDataError} for bad bars
 * @example
 * const result = runPortfolioBacktest([orcl, nvda, yhoo, goog], {
 *   strategy: 'equal_weight', params: { rebalance: 21 }, cash: '100000',
 *   commission: { kind: 'percent', rate: '0.001' },
 * });
 * result.symbols.map((s) => s.pnl); // each symbol's exact share of the P&L
 */
export function runPortfolioBacktest(input: readonly BarSeries[], config: BacktestConfig): PortfolioBacktestResult {
  const parsed = BacktestConfig.safeParse(config);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, ''));
  const { params, ...base } = parsed.data;
  const unsupported = singleSymbolOnly.filter((key) => base[key] !== undefined);
  if (unsupported.length > 0) {
    throw new ConfigError(unsupported.map((key) => `${key}: not supported by portfolio runs`));
  }
  const prepared = preparePortfolioStrategy(base.strategy, params);
  const series = [...input].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  checkUniverse(series);
  for (const one of series) validateBars(one);

  const symbols = series.map((one) => one.symbol);
  const math = decimalArithmetic;
  const cash = math.parse(base.cash);
  const account = new PortfolioAccount(
    cash,
    symbols,
    createFeeModel(base.commission, math),
    createSlippageModel(base.slippageBps ?? 0, math),
  );
  const calendar = new MergedCalendar(series);
  const context = new LivePortfolioContext(series, calendar, account);
  const weightBars = evenlySpaced(calendar.length, WEIGHT_POINTS);
  const { equity, barsInMarket, lapsedOrders, weights } = runPortfolioLoop({
    series,
    calendar,
    context,
    account,
    strategy: prepared.create(),
    weightBars,
  });

  const lastCloses = series.map((one) => math.fromNumber(one.close[one.length - 1] as number));
  let finalEquity = account.cash;
  lastCloses.forEach((close, s) => {
    const units = account.units[s] as number;
    if (units !== 0) finalEquity = math.add(finalEquity, math.mul(close, math.fromNumber(units)));
  });
  const trades = account.trades;
  const tradePnls = trades.map((trade) => Number(trade.pnl));
  const winningTrades = tradePnls.filter((pnl) => pnl > 0).length;
  const drawdown = drawdowns(equity);
  const interval = (series[0] as BarSeries).interval;
  const metrics = performanceReport({
    time: calendar.time,
    equity,
    drawdown: maxDrawdown(drawdown),
    initialEquity: math.toNumber(cash),
    finalEquity: math.toNumber(finalEquity),
    tradePnls,
    winningTrades,
    barsInMarket,
    riskFreeRate: base.riskFreeRate ?? 0,
    barsPerYear: base.barsPerYear ?? periodsPerYear(interval),
  });
  return {
    finalEquity: math.toString(finalEquity),
    closedTrades: trades.length,
    winningTrades,
    rejectedOrders: account.rejected,
    lapsedOrders,
    fills: account.fills,
    finalUnits: Object.fromEntries(symbols.map((symbol, s) => [symbol, String(account.units[s])])),
    metrics,
    equityCurve: sampleEquityCurve(calendar.time, equity, drawdown),
    trades,
    symbols: symbols.map((_, s) => account.contribution(s, lastCloses[s] as Decimal, calendar.length)),
    weightCurve: weightBars.map((bar, i) => ({ time: calendar.time[bar] as number, weights: weights[i] ?? [] })),
  };
}

function checkUniverse(series: readonly BarSeries[]): void {
  const problems: string[] = [];
  if (series.length === 0) problems.push('series: a portfolio run needs at least one series');
  series.forEach((one, i) => {
    if (i > 0 && (series[i - 1] as BarSeries).symbol === one.symbol) problems.push(`series: ${one.symbol} given twice`);
  });
  const intervals = [...new Set(series.map((one) => one.interval))];
  if (intervals.length > 1) problems.push(`series: intervals differ (${intervals.join(', ')}); give one interval`);
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Every ⌈length / points⌉-th bar from 0, plus the last. */
function evenlySpaced(length: number, points: number): number[] {
  const step = Math.max(1, Math.ceil(length / points));
  const bars: number[] = [];
  for (let bar = 0; bar < length; bar += step) bars.push(bar);
  if (length > 0 && bars[bars.length - 1] !== length - 1) bars.push(length - 1);
  return bars;
}
