import type { ParsedBar } from '@fleet/contracts';
import { describe, expect, it } from 'vitest';
import { checkOhlc } from './check-ohlc.js';
import { detectInterval } from './detect-interval.js';
import { MAX_BARS_PER_CHUNK } from './max-bars-per-chunk.js';
import { parseBarsCsv } from './parse-bars-csv.js';
import { type SynthesizeBarsOptions, synthesizeBars } from './synthesize-bars.js';

const all = (options: SynthesizeBarsOptions): ParsedBar[] => [...synthesizeBars(options)].flat();

describe('synthesizeBars', () => {
  const base = { symbol: 'SYN', bars: 12_345, interval: '1h', seed: 42 } as const;

  it('gives the same bars for the same seed and symbol, and different bars otherwise', () => {
    const first = all(base);
    expect(all(base), 'same options, same bytes').toEqual(first);
    expect(all({ ...base, seed: 43 })[1]).not.toEqual(first[1]);
    expect(all({ ...base, symbol: 'OTHER' })[1], 'the symbol is part of the seed').not.toEqual(first[1]);
  });

  it('keeps chunks at or under 5000 bars and produces exactly the requested count', () => {
    const sizes = [...synthesizeBars(base)].map((chunk) => chunk.length);
    expect(sizes).toEqual([MAX_BARS_PER_CHUNK, MAX_BARS_PER_CHUNK, 2345]);
    expect([...synthesizeBars({ ...base, bars: 0 })]).toEqual([]);
  });

  it('spaces bars by the interval from the start time, which detectInterval reads back', () => {
    const bars = all({ ...base, bars: 100, interval: '5m', start: Date.UTC(2021, 5, 1) });
    expect(bars[0]?.time).toBe(Date.UTC(2021, 5, 1));
    expect(detectInterval(bars.map((bar) => bar.time))).toBe('5m');
  });

  it('always yields valid OHLC, even at extreme volatility and drift', () => {
    const extremes = [
      { volatility: 0.01, drift: 0 },
      { volatility: 0.5, drift: 0 },
      { volatility: 3, drift: -1 },
      { volatility: 3, drift: 1 },
    ];
    for (let seed = 0; seed < 20; seed += 1) {
      for (const extreme of extremes) {
        const invalid = all({ ...base, ...extreme, bars: 2000, seed }).find((bar) => checkOhlc(bar) !== undefined);
        expect(invalid, `seed ${seed} ${JSON.stringify(extreme)}`).toBeUndefined();
      }
    }
  });

  it('round-trips through parseBarsCsv, so synthetic data passes the same validation as files', async () => {
    const rows = all({ ...base, interval: '1d' }).map((bar) =>
      [new Date(bar.time).toISOString().slice(0, 10), bar.open, bar.high, bar.low, bar.close, bar.volume].join(','),
    );
    const parsed: ParsedBar[] = [];
    for await (const chunk of parseBarsCsv(`${[',Open,High,Low,Close,Volume', ...rows].join('\n')}\n`))
      parsed.push(...chunk);
    expect(parsed).toEqual(all({ ...base, interval: '1d' }));
  });

  it.each([
    [{ interval: '1M' }, 'a calendar month has no fixed length'],
    [{ interval: 'daily' }, 'not a count and a unit'],
    [{ bars: -1 }, 'negative count'],
    [{ startPrice: 0 }, 'non-positive start price'],
    [{ volatility: -0.1 }, 'negative volatility'],
    [{ symbol: '' }, 'empty symbol'],
  ])('refuses %j at call time with BAD_OPTIONS (%s)', (override, _why) => {
    expect(() => synthesizeBars({ ...base, ...override })).toThrow(expect.objectContaining({ code: 'BAD_OPTIONS' }));
  });
});
