import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawdowns } from './drawdowns.js';
import { type EquityPoint, sampleEquityCurve } from './sample-equity-curve.js';

/** The sampling rule written plainly: mark the first, last, highest, lowest and deepest bar and each bucket's extremes. */
function referenceSample(time: Float64Array, equity: Float64Array, drawdown: Float64Array, maxPoints: number) {
  const n = equity.length;
  const at = (i: number): EquityPoint => ({ time: time[i] ?? 0, equity: equity[i] ?? 0, drawdown: drawdown[i] ?? 0 });
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => at(i));
  const first = (values: Float64Array, from: number, to: number, better: (a: number, b: number) => boolean) => {
    let best = from;
    for (let i = from + 1; i < to; i++) if (better(values[i] ?? 0, values[best] ?? 0)) best = i;
    return best;
  };
  const above = (a: number, b: number) => a > b;
  const below = (a: number, b: number) => a < b;
  const keep = new Set([
    0,
    n - 1,
    first(equity, 0, n, above),
    first(equity, 0, n, below),
    first(drawdown, 0, n, above),
  ]);
  const buckets = Math.floor((maxPoints - 5) / 2);
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    keep.add(first(equity, start, end, above)).add(first(equity, start, end, below));
  }
  return [...keep].sort((a, b) => a - b).map(at);
}

describe('sampleEquityCurve', () => {
  it('returns every bar when there are at most 1000', () => {
    const equity = Float64Array.of(1, 2, 3);
    const curve = sampleEquityCurve(Float64Array.of(10, 20, 30), equity, drawdowns(equity));
    expect(curve).toEqual([
      { time: 10, equity: 1, drawdown: 0 },
      { time: 20, equity: 2, drawdown: 0 },
      { time: 30, equity: 3, drawdown: 0 },
    ]);
  });

  it('keeps at most 1000 points including first, last, extremes and the deepest drawdown', () => {
    const n = 50_000;
    const time = Float64Array.from({ length: n }, (_, i) => i);
    const equity = Float64Array.from(
      { length: n },
      (_, i) => 1000 + Math.sin(i / 500) * 100 + (i % 7919 === 0 ? 50 : 0),
    );
    equity[12_345] = 5000;
    equity[12_346] = 10;
    const dd = drawdowns(equity);
    const curve = sampleEquityCurve(time, equity, dd);
    expect(curve.length).toBeLessThanOrEqual(1000);
    const times = curve.map((p) => p.time);
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(n - 1);
    expect(times, 'highest equity').toContain(12_345);
    expect(times, 'lowest equity and deepest drawdown').toContain(12_346);
    expect(times, 'points stay in time order').toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps exactly the bars the sampling rule names, ties going to the first bar', () => {
    // Small steps on a coarse grid make ties and flat stretches common.
    const curve = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 400 }).map((steps) => {
      let value = 100;
      return Float64Array.from(steps, (step) => (value += step));
    });
    fc.assert(
      fc.property(curve, fc.integer({ min: 5, max: 60 }), (equity, maxPoints) => {
        const time = Float64Array.from(equity, (_, i) => i * 60_000);
        const drawdown = drawdowns(equity);
        expect(sampleEquityCurve(time, equity, drawdown, maxPoints)).toEqual(
          referenceSample(time, equity, drawdown, maxPoints),
        );
      }),
      { numRuns: 500 },
    );
  });
});
