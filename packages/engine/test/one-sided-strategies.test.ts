import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SweepBaseConfig } from '../src/backtest-config.js';
import type { Strategy, StrategyContext } from '../src/strategy/strategy.js';
import { barsArb } from './support/bars-arbitrary.js';
import { runCustom } from './support/run-custom.js';
import { seriesFromBars } from './support/synthetic-series.js';

/** One strategy call; `level` offsets a limit or stop from the close, in percent. */
const callArb = fc.oneof(
  fc.record({ kind: fc.constant('enter' as const), quantity: fc.integer({ min: 1, max: 300 }) }),
  fc.record({
    kind: fc.constantFrom('enter_limit' as const, 'enter_stop' as const),
    quantity: fc.integer({ min: 1, max: 300 }),
    level: fc.integer({ min: -5, max: 5 }),
  }),
  fc.record({ kind: fc.constant('close' as const) }),
  fc.record({ kind: fc.constant('cancel_all' as const) }),
);
type Call = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

/** Everything a run can be configured with that changes which orders fill. */
const settingsArb: fc.Arbitrary<Partial<SweepBaseConfig>> = fc.record(
  {
    cash: fc.constantFrom('500', '5000', '100000'),
    stopLoss: fc.constantFrom(0.001, 0.01, 0.03, 0.5),
    takeProfit: fc.constantFrom(0.001, 0.01, 0.03, 2),
    slippageBps: fc.constantFrom(0, 25),
    commission: fc.constant({ kind: 'percent', rate: '0.001' } as const),
    sizing: fc.constantFrom({ kind: 'units', units: 7 } as const, { kind: 'percent_equity', percent: 50 } as const),
    maxPositionFraction: fc.constantFrom(0.5, 3),
  },
  { requiredKeys: ['cash'] },
);

const scriptArb = fc.record({
  bars: barsArb,
  /** Calls made on each bar (cycled), and on each fill. */
  onBar: fc.array(fc.array(callArb, { maxLength: 3 }), { minLength: 1, maxLength: 40 }),
  onFill: fc.array(fc.array(callArb, { maxLength: 2 }), { minLength: 1, maxLength: 10 }),
  settings: settingsArb,
});

/**
 * A strategy that only ever enters on one side (`buy` for long-only, `sell` for short-only) and exits with `close`,
 * making the scripted calls from `onBar` and from `onOrderFilled`, and recording every position it is shown.
 */
function oneSided(side: 'long' | 'short', onBar: Call[][], onFill: Call[][], seen: number[]): () => Strategy {
  let fills = 0;
  const perform = (ctx: StrategyContext, calls: readonly Call[]) => {
    const close = ctx.bars.close.at(0);
    for (const call of calls) {
      if (call.kind === 'close') ctx.close();
      else if (call.kind === 'cancel_all') ctx.cancelAll();
      else {
        const request =
          call.kind === 'enter'
            ? { quantity: call.quantity }
            : {
                type: call.kind === 'enter_limit' ? ('limit' as const) : ('stop' as const),
                price: close * (1 + call.level / 100),
                quantity: call.quantity,
              };
        if (side === 'long') ctx.buy(request);
        else ctx.sell(request);
      }
    }
  };
  return () => ({
    onBar(ctx) {
      seen.push(ctx.position);
      perform(ctx, onBar[ctx.index % onBar.length] ?? []);
    },
    onOrderFilled(_event, ctx) {
      seen.push(ctx.position);
      perform(ctx, onFill[fills++ % onFill.length] ?? []);
    },
    onOrderRejected(_event, ctx) {
      seen.push(ctx.position);
    },
  });
}

describe('a strategy that enters on one side and exits with close()', () => {
  it('never holds a short when it only buys, whatever it calls and however the run is configured', () => {
    fc.assert(
      fc.property(scriptArb, ({ bars, onBar, onFill, settings }) => {
        const seen: number[] = [];
        const result = runCustom(seriesFromBars(bars), oneSided('long', onBar, onFill, seen), settings);
        expect(
          seen.every((units) => units >= 0),
          `positions seen ${seen}`,
        ).toBe(true);
        expect(Number(result.finalUnits)).toBeGreaterThanOrEqual(0);
        expect(result.trades.every((t) => t.side === 'long')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never holds a long when it only sells', () => {
    fc.assert(
      fc.property(scriptArb, ({ bars, onBar, onFill, settings }) => {
        const seen: number[] = [];
        const result = runCustom(seriesFromBars(bars), oneSided('short', onBar, onFill, seen), settings);
        expect(
          seen.every((units) => units <= 0),
          `positions seen ${seen}`,
        ).toBe(true);
        expect(Number(result.finalUnits)).toBeLessThanOrEqual(0);
        expect(result.trades.every((t) => t.side === 'short')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
