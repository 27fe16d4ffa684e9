import {
  type BacktestSettings,
  RangeBound,
  rangeEndMs,
  rangeStartMs,
  resolveSettings,
  SettingNames,
  settingShape,
  shortBundleHash,
} from '@fleet/contracts';
import { loadBars } from '@fleet/db';
import {
  type BarSeries,
  listStrategies,
  type PortfolioBacktestResult,
  parseStrategyParams,
  runBacktest,
  runPortfolioBacktest,
} from '@fleet/engine';
import { readBarsFile } from '@fleet/market-data';
import { formatIssues } from '@fleet/planning';
import { bundledStrategyKey, engineConfig, loadStrategyBundle, returnMetricsOf } from '@fleet/runner';
import { bundleStrategyFile } from '@fleet/strategy-files';
import { z } from 'zod';
import type { CliContext } from '../cli-context.js';
import { fmt, formatSymbolSummary, money, pct, printResult } from '../print-result.js';
import { flagOf } from '../setting-options.js';

/** The options of `fleet backtest` after commander, validated as any other boundary. */
export const BacktestOptions = z
  .strictObject({
    data: z.array(z.string().min(1)).nonempty().optional(),
    symbol: z.array(z.string().min(1)).nonempty().optional(),
    interval: z.string().default('1d'),
    from: RangeBound.optional(),
    to: RangeBound.optional(),
    strategy: z.string().min(1).optional(),
    strategyFile: z.string().min(1).optional(),
    param: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=-?\d+(\.\d+)?$/, { message: 'must be NAME=NUMBER' }))
      .default([]),
    json: z.boolean().optional(),
    ...settingShape,
  })
  .refine((o) => (o.data === undefined) !== (o.symbol === undefined), {
    message: 'give --data FILE (or SYM=FILE) or --symbol SYM, not both; repeat either for a portfolio run',
    path: ['data'],
  })
  .refine((o) => o.strategy !== undefined || o.strategyFile !== undefined, {
    message: 'give --strategy NAME or --strategy-file FILE',
    path: ['strategy'],
  });
export type BacktestOptions = z.input<typeof BacktestOptions>;

/** Zod issues as one line, each setting named by its flag as the user typed it. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const flag = flagOf(issue.path[0] ?? '');
      return flag ? `${flag}: ${issue.message}` : formatIssues([issue]).join('');
    })
    .join('; ');
}

function toSeries(
  symbol: string,
  interval: string,
  bars: readonly { time: number; open: string; high: string; low: string; close: string; volume: string }[],
): BarSeries {
  const n = bars.length;
  const col = () => new Float64Array(n);
  const s = {
    symbol,
    interval,
    length: n,
    time: col(),
    open: col(),
    high: col(),
    low: col(),
    close: col(),
    volume: col(),
  };
  bars.forEach((b, i) => {
    s.time[i] = b.time;
    s.open[i] = Number(b.open);
    s.high[i] = Number(b.high);
    s.low[i] = Number(b.low);
    s.close[i] = Number(b.close);
    s.volume[i] = Number(b.volume);
  });
  return s;
}

/**
 * The strategy a backtest runs: a registered name, or a strategy file bundled and loaded here exactly as a sweep ships
 * it to workers (so a local run and a fleet run of one file run the same bytes), picked by `--strategy` when the file
 * defines several.
 */
async function strategyOf(
  ctx: CliContext,
  o: { strategy?: string | undefined; strategyFile?: string | undefined },
): Promise<{ key: string; label: { name: string; file?: string; bundle: string } }> {
  if (o.strategyFile === undefined)
    return { key: o.strategy as string, label: { name: o.strategy as string, bundle: '' } };
  const bundle = await bundleStrategyFile(o.strategyFile);
  const { strategies } = await loadStrategyBundle(bundle.hash, bundle.bundle, ctx.env.FLEET_BUNDLE_DIR);
  const chosen =
    strategies.find((s) => s.name === o.strategy) ??
    (o.strategy === undefined && strategies.length === 1 ? strategies[0] : undefined);
  if (!chosen)
    throw new Error(
      `${o.strategyFile} defines ${strategies.map((s) => `'${s.name}'`).join(', ')}; pick one with --strategy`,
    );
  return {
    key: bundledStrategyKey(chosen.name, bundle.hash),
    label: { name: chosen.name, file: bundle.fileName, bundle: bundle.hash },
  };
}

/** A `--data` value: `FILE`, whose name gives the symbol, or `SYM=FILE`. */
function dataSource(value: string): { symbol: string | undefined; file: string } {
  const named = /^([A-Za-z0-9.^]+)=(.+)$/.exec(value);
  return named
    ? { symbol: (named[1] as string).toUpperCase(), file: named[2] as string }
    : { symbol: undefined, file: value };
}

async function loadSeries(ctx: CliContext, o: z.output<typeof BacktestOptions>): Promise<BarSeries[]> {
  if (o.data) {
    const from = o.from ? rangeStartMs(o.from) : Number.NEGATIVE_INFINITY;
    const to = o.to ? rangeEndMs(o.to) : Number.POSITIVE_INFINITY;
    return Promise.all(
      o.data.map(async (value) => {
        const { symbol, file: path } = dataSource(value);
        const file = await readBarsFile(path);
        const series = toSeries(
          symbol ?? file.symbol,
          file.interval,
          file.bars.filter((b) => b.time >= from && b.time <= to),
        );
        if (series.length === 0) throw new Error(`--data ${value}: no bars in the range`);
        return series;
      }),
    );
  }
  const from = o.from ? rangeStartMs(o.from) : 0;
  const to = o.to ? rangeEndMs(o.to) : Date.parse('9999-12-31T00:00:00Z');
  return Promise.all(
    (o.symbol ?? []).map(async (raw) => {
      const series = await loadBars(ctx.db, raw.toUpperCase(), o.interval, from, to);
      if (series.length === 0)
        throw new Error(`no ${o.interval} bars stored for ${raw} in the range; import them with \`fleet data import\``);
      return series;
    }),
  );
}

/**
 * `fleet backtest`: one run on files or on stored bars, locally, with no queue; the same engine the workers run. A
 * portfolio strategy runs once over every series given; a single-symbol strategy takes exactly one.
 */
export async function backtest(ctx: CliContext, raw: BacktestOptions): Promise<void> {
  const parsed = BacktestOptions.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid options: ${describeIssues(parsed.error.issues)}`);
  const o = parsed.data;
  let settings: BacktestSettings;
  try {
    settings = resolveSettings(Object.fromEntries(SettingNames.map((key) => [key, o[key]])));
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    throw new Error(`invalid options: ${describeIssues(error.issues)}`);
  }
  const { key: strategy, label } = await strategyOf(ctx, o);
  const params = parseStrategyParams(
    strategy,
    Object.fromEntries(o.param.map((p) => [p.split('=')[0], Number(p.split('=')[1])])),
  );

  // By its key: a strategy file's portfolio strategy is registered as `name@hash`.
  const portfolio = listStrategies().find((s) => s.name === strategy)?.portfolio === true;
  const loaded = await loadSeries(ctx, o);
  if (portfolio) {
    printPortfolio(
      o,
      label.name,
      params,
      loaded,
      runPortfolioBacktest(loaded, engineConfig(settings, strategy, params)),
    );
    return;
  }
  if (loaded.length !== 1) {
    throw new Error(
      `invalid options: ${label.name} trades one symbol; give one --data or --symbol (got ${loaded.length})`,
    );
  }
  const series = loaded[0] as BarSeries;
  const config = engineConfig(settings, strategy, params);
  const result = runBacktest(series, config);
  const { equityCurve: _curve, trades, finalUnits, ...summary } = result;
  summary.metrics = { ...result.metrics, ...returnMetricsOf(series, config) };
  printResult(
    o.json === true,
    {
      symbol: series.symbol,
      bars: series.length,
      strategy: label.name,
      ...(label.file ? { strategyFile: label.file, strategyBundle: label.bundle } : {}),
      params,
      ...summary,
      finalUnits: { [series.symbol]: finalUnits },
    },
    () =>
      [
        `${label.file ? `${label.name} (${label.file}@${shortBundleHash(label.bundle)})` : label.name} ${Object.entries(
          params,
        )
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')} on ${series.symbol} (${series.length} bars)`,
        `final equity   ${money(result.finalEquity)}`,
        `trades         ${result.closedTrades} closed, ${result.winningTrades} winning, ${result.rejectedOrders} orders rejected, ${result.fills} fills`,
        `final units    ${finalUnits}`,
        `total return   ${pct(result.metrics.totalReturn)}   CAGR ${pct(result.metrics.cagr)}`,
        `sharpe         ${fmt(result.metrics.sharpe)}   sortino ${fmt(result.metrics.sortino)}`,
        `max drawdown   ${pct(result.metrics.maxDrawdown)}   exposure ${pct(result.metrics.exposure)}`,
        `last trades    ${trades.length ? '' : 'none'}`,
        ...trades.slice(-5).map((t) => `  ${JSON.stringify(t)}`),
      ].join('\n'),
  );
}

function printPortfolio(
  o: z.output<typeof BacktestOptions>,
  name: string,
  params: Record<string, number>,
  series: readonly BarSeries[],
  result: PortfolioBacktestResult,
): void {
  const { equityCurve: _curve, weightCurve: _weights, trades: _trades, ...summary } = result;
  const bars = new Set(series.flatMap((one) => [...one.time])).size;
  printResult(o.json === true, { strategy: name, params, bars, ...summary }, () =>
    [
      `${name} ${Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} on ${result.symbols.map((s) => s.symbol).join(', ')} (${bars} portfolio bars)`,
      `final equity   ${money(result.finalEquity)}`,
      `orders         ${result.fills} fills, ${result.rejectedOrders} rejected, ${result.lapsedOrders} lapsed (no bar), ${result.closedTrades} closed trades`,
      `total return   ${pct(result.metrics.totalReturn)}   CAGR ${pct(result.metrics.cagr)}`,
      `sharpe         ${fmt(result.metrics.sharpe)}   sortino ${fmt(result.metrics.sortino)}`,
      `max drawdown   ${pct(result.metrics.maxDrawdown)}   exposure ${pct(result.metrics.exposure)}`,
      formatSymbolSummary(result.symbols),
    ].join('\n'),
  );
}
