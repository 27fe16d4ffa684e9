import type { ParsedBar } from '@fleet/contracts';
import { z } from 'zod';
import { INTERVAL_UNITS } from './detect-interval.js';
import { MarketDataError, MarketDataErrorCode } from './market-data-error.js';
import { MAX_BARS_PER_CHUNK } from './max-bars-per-chunk.js';
import { SeededRandom } from './seeded-random.js';

const PRICE_DECIMALS = 6;
const MIN_PRICE = 10 ** -PRICE_DECIMALS;
const MAX_PRICE = 1e9;

/** What {@link synthesizeBars} generates; validated, so a bad sweep spec fails before any bar is made. */
export const SynthesizeBarsOptions = z.object({
  /** Mixed into the seed, so symbols synthesized with one seed follow independent paths. */
  symbol: z.string().min(1),
  /** Number of bars to generate. */
  bars: z.number().int().nonnegative(),
  /** Bar spacing such as `'1d'`, `'1h'`, `'5m'`, `'1w'`: a count and one of the units w, d, h, m, s. */
  interval: z.string().regex(/^[1-9]\d*[wdhms]$/, 'interval must be a count and one of the units w, d, h, m, s'),
  seed: z.number().int(),
  /**
   * Time of the first bar in epoch milliseconds, UTC; later bars follow every `interval` with no gaps.
   * @defaultValue Date.UTC(2020, 0, 1)
   */
  start: z
    .number()
    .int()
    .default(Date.UTC(2020, 0, 1)),
  /**
   * Open of the first bar.
   * @defaultValue 100
   */
  startPrice: z.number().positive().max(MAX_PRICE).default(100),
  /**
   * Expected log return per bar (not annualized).
   * @defaultValue 0
   */
  drift: z.number().default(0),
  /**
   * Standard deviation of the log return per bar (not annualized).
   * @defaultValue 0.01
   */
  volatility: z.number().nonnegative().default(0.01),
});
export type SynthesizeBarsOptions = z.input<typeof SynthesizeBarsOptions>;

/**
 * Seeded synthetic bars from a geometric Brownian motion, for load tests, demos and sweeps that must not depend on a
 * data file. Each bar opens at the previous close; high and low extend beyond the body by a random fraction of the
 * volatility, so every bar is valid OHLC. Prices have 6 decimals and stay within [0.000001, 1e9]. The same options give
 * the same bars on every run and machine. Bars come in chunks of at most {@link MAX_BARS_PER_CHUNK}.
 *
 * @throws {@link MarketDataError} with code `BAD_OPTIONS`, at call time, when the options are invalid.
 * @example
 * ```ts
 * for (const bars of synthesizeBars({ symbol: 'SYN', bars: 10_000, interval: '1h', seed: 7 })) {
 *   await db.insertBars('SYN', bars);
 * }
 * ```
 */
export function synthesizeBars(options: SynthesizeBarsOptions): Generator<ParsedBar[]> {
  const parsed = SynthesizeBarsOptions.safeParse(options);
  if (!parsed.success) {
    throw new MarketDataError(
      MarketDataErrorCode.badOptions,
      `invalid synthesizeBars options: ${z.prettifyError(parsed.error)}`,
    );
  }
  return generateBars(parsed.data);
}

function* generateBars(options: z.output<typeof SynthesizeBarsOptions>): Generator<ParsedBar[]> {
  const { bars, start, drift, volatility } = options;
  const spacing = intervalMilliseconds(options.interval);
  const random = new SeededRandom(hashSeed(`${options.seed}:${options.symbol}`));
  const logStep = drift - (volatility * volatility) / 2;
  let open = roundPrice(options.startPrice);
  let chunk: ParsedBar[] = [];
  for (let i = 0; i < bars; i += 1) {
    const close = roundPrice(open * Math.exp(logStep + volatility * random.nextGaussian()));
    const high = roundPrice(Math.max(open, close) * Math.exp((volatility * Math.abs(random.nextGaussian())) / 2));
    const low = roundPrice(Math.min(open, close) * Math.exp((-volatility * Math.abs(random.nextGaussian())) / 2));
    const volume = Math.round(1_000_000 * Math.exp(random.nextGaussian() / 2));
    chunk.push({
      time: start + i * spacing,
      open: open.toFixed(PRICE_DECIMALS),
      high: high.toFixed(PRICE_DECIMALS),
      low: low.toFixed(PRICE_DECIMALS),
      close: close.toFixed(PRICE_DECIMALS),
      volume: String(volume),
    });
    if (chunk.length === MAX_BARS_PER_CHUNK) {
      yield chunk;
      chunk = [];
    }
    open = close;
  }
  if (chunk.length > 0) yield chunk;
}

/** Rounds to the 6-decimal grid and clamps into [MIN_PRICE, MAX_PRICE]; both are monotonic, so OHLC order survives. */
function roundPrice(price: number): number {
  return Math.min(MAX_PRICE, Math.max(MIN_PRICE, Number(price.toFixed(PRICE_DECIMALS))));
}

function intervalMilliseconds(interval: string): number {
  const unit = INTERVAL_UNITS.find(([name]) => interval.endsWith(name));
  return Number.parseInt(interval, 10) * (unit?.[1] ?? 0);
}

/** FNV-1a over the text, so any seed number and symbol map to a 32-bit PRNG state. */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}
