import { describe, expect, it } from 'vitest';
import { drawdowns } from './drawdowns.js';
import { sampleEquityCurve } from './sample-equity-curve.js';

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
});
