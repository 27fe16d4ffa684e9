import { drawdowns } from './analysis/drawdowns.js';
import { maxDrawdown } from './analysis/max-drawdown.js';
import { performanceReport } from './analysis/performance-report.js';
import { periodsPerYear } from './analysis/periods-per-year.js';
import { sampleEquityCurve } from './analysis/sample-equity-curve.js';
import type { SweepBaseConfig } from './backtest-config.js';
import { BacktestContext } from './backtest-context.js';
import { runBacktestLoop } from './backtest-loop.js';
import type { BacktestResult } from './backtest-result.js';
import { BarCursor } from './data/bar-cursor.js';
import type { BarSeries } from './data/bar-series.js';
import { InvalidDataError } from './errors.js';
import { createFeeModel } from './execution/fee-model.js';
import { nextBarFillModel } from './execution/fill-model.js';
import { SimulatedBroker } from './execution/simulated-broker.js';
import { createSlippageModel } from './execution/slippage-model.js';
import type { IndicatorCache } from './indicators/indicator-cache.js';
import type { Arithmetic } from './money/arithmetic.js';
import { Portfolio } from './portfolio/portfolio.js';
import type { Trade } from './portfolio/trade.js';
import { PositionSizer } from './risk/position-sizer.js';
import { RiskEngine } from './risk/risk-engine.js';
import type { PreparedStrategy } from './strategy/strategy-definition.js';
import { StrategySetup } from './strategy/strategy-setup.js';

/**
 * The first bar at or after `tradeFrom` (0 without one).
 * @throws {@link InvalidDataError} when no bar falls at or after it: a window without bars cannot trade.
 */
function firstTradingIndex(series: BarSeries, tradeFrom: number | undefined): number {
  if (tradeFrom === undefined) return 0;
  let low = 0;
  let high = series.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((series.time[middle] as number) < tradeFrom) low = middle + 1;
    else high = middle;
  }
  if (low === series.length)
    throw new InvalidDataError(
      series.symbol,
      null,
      `no bar at or after the trading window's start ${new Date(tradeFrom).toISOString()}`,
    );
  return low;
}

/** A validated run: {@link runBacktest} and {@link runSweep} build these after checking bars and config. */
export interface Simulation<M> {
  /** Bars already checked by {@link validateBars}. */
  readonly series: BarSeries;
  readonly base: SweepBaseConfig;
  readonly strategy: PreparedStrategy;
  /** Shared across the runs of a sweep. */
  readonly indicators: IndicatorCache;
  readonly math: Arithmetic<M>;
}

/** What {@link simulate} gives back: the run's result and its per-bar equity, which the result only samples. */
export interface SimulatedRun {
  readonly result: BacktestResult;
  /** Equity marked at every bar's close, as doubles (see {@link runBacktestLoop}); never copied, so it costs nothing. */
  readonly equity: Float64Array;
}

/**
 * The composition root of one run: wires cursor, strategy, broker (fill, fee and slippage models), portfolio and
 * risk, runs the loop, and turns the outcome into a {@link BacktestResult} beside the full per-bar equity.
 * @typeParam M - the money type; only the benchmark runs anything but decimals
 */
export function simulate<M>({ series, base, strategy: prepared, indicators, math }: Simulation<M>): SimulatedRun {
  const barsPerYear = base.barsPerYear ?? periodsPerYear(series.interval);
  const cash = math.parse(base.cash);
  const cursor = new BarCursor();
  const opens = indicators.exactOpens(math);
  const portfolio = new Portfolio(math, cash);
  const broker = new SimulatedBroker({
    series,
    math,
    portfolio,
    fillModel: nextBarFillModel,
    feeModel: createFeeModel(base.commission, math),
    slippageModel: createSlippageModel(base.slippageBps ?? 0, math),
    opens,
  });
  const risk = new RiskEngine(base, math, portfolio, broker, cursor);
  const sizer = new PositionSizer(base.sizing, math);
  const first = firstTradingIndex(series, base.tradeFrom);
  const context = new BacktestContext({
    series,
    cursor,
    math,
    portfolio,
    broker,
    risk,
    sizer,
    firstTradingIndex: first,
  });
  const strategy = prepared.create(new StrategySetup(indicators, cursor));
  const loop = runBacktestLoop({ series, cursor, strategy, context, broker, portfolio, risk });
  // Warm-up bars never hold a position, so the window's equity starts flat at `cash` on its first bar.
  const equity = loop.equity.subarray(first);
  const time = series.time.subarray(first);
  const { barsInMarket } = loop;

  const lastClose = math.fromNumber(series.close[series.length - 1] as number);
  const finalEquity = portfolio.equity(lastClose);
  const drawdown = drawdowns(equity);
  const closed = portfolio.closedPositions;
  const tradePnls: number[] = [];
  const trades: Trade[] = [];
  let winningTrades = 0;
  for (const position of closed) {
    if (math.sign(position.pnl) > 0) winningTrades++;
    tradePnls.push(math.toNumber(position.pnl));
    trades.push({
      entryTime: position.entryTime,
      exitTime: position.exitTime,
      side: position.side,
      quantity: position.quantity,
      entryPrice: opens.textOf(position.entryPrice),
      exitPrice: opens.textOf(position.exitPrice),
      pnl: math.toString(position.pnl),
      commission: math.toString(position.commission),
    });
  }
  const metrics = performanceReport({
    time,
    equity,
    drawdown: maxDrawdown(drawdown),
    initialEquity: math.toNumber(cash),
    finalEquity: math.toNumber(finalEquity),
    tradePnls,
    winningTrades,
    barsInMarket,
    riskFreeRate: base.riskFreeRate ?? 0,
    barsPerYear,
  });
  const result: BacktestResult = {
    finalEquity: math.toString(finalEquity),
    closedTrades: closed.length,
    winningTrades,
    rejectedOrders: broker.rejectedCount + risk.deniedCount,
    fills: broker.fillCount,
    finalUnits: String(portfolio.quantity),
    metrics,
    equityCurve: sampleEquityCurve(time, equity, drawdown),
    trades,
  };
  return { result, equity };
}
