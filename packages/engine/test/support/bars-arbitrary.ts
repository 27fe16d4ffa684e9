import fc from 'fast-check';

/** Random OHLC bars: a positive random walk with consistent highs and lows. */
export const barsArb = fc
  .array(
    fc.record({
      move: fc.integer({ min: -300, max: 300 }),
      up: fc.nat(200),
      down: fc.nat(200),
      gap: fc.integer({ min: -100, max: 100 }),
    }),
    { minLength: 1, maxLength: 120 },
  )
  .map((steps) => {
    let close = 10_000;
    return steps.map(({ move, up, down, gap }) => {
      const open = Math.max(100, close + gap);
      close = Math.max(100, close + move);
      const high = Math.max(open, close) + up;
      const low = Math.max(1, Math.min(open, close) - down);
      return { open: open / 100, close: close / 100, high: high / 100, low: low / 100 };
    });
  });
