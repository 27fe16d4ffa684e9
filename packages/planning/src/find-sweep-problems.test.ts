import { SweepSpec, type SweepSpecInput } from '@fleet/contracts';
import { listStrategies, parseStrategyParams } from '@fleet/engine';
import { describe, expect, it } from 'vitest';
import { findCombinationProblems, MAX_CHECKED_COMBINATIONS } from './find-combination-problems.js';
import { findSweepProblems } from './find-sweep-problems.js';

const catalog = {
  strategies: listStrategies(),
  parseParams: parseStrategyParams,
  series: [
    { symbol: 'ORCL', interval: '1d', from: new Date('1995-01-03'), to: new Date('2014-12-31') },
    { symbol: 'EURUSD', interval: '1h', from: new Date('2017-04-19'), to: new Date('2018-02-07') },
  ],
};
const spec = (over: Partial<SweepSpecInput>) =>
  SweepSpec.parse({
    name: 'x',
    symbols: ['ORCL'],
    start: '2000-01-01',
    end: '2001-01-01',
    strategies: [{ name: 'sma_cross' }],
    ...over,
  });

describe('findSweepProblems', () => {
  it('finds nothing wrong in a sweep the engine and the data can run', () => {
    expect(
      findSweepProblems(spec({ strategies: [{ name: 'sma_cross', params: { fast: [5, 10], slow: [50] } }] }), catalog),
    ).toEqual([]);
  });

  it('lists an unknown strategy with the valid ones', () => {
    const [problem] = findSweepProblems(spec({ strategies: [{ name: 'sma_cros' }] }), catalog);
    expect(problem).toBe(
      `strategies[0].name: unknown strategy 'sma_cros'; valid: ${listStrategies()
        .map((s) => s.name)
        .join(', ')}`,
    );
  });

  it('lists an unknown parameter with the valid ones', () => {
    expect(findSweepProblems(spec({ strategies: [{ name: 'sma_cross', params: { fats: 5 } }] }), catalog)).toEqual([
      'strategies[0].params.fats: unknown parameter of sma_cross; valid: fast, slow',
    ]);
  });

  it('counts the combinations the strategy refuses, shows examples and says how to prune them', () => {
    const [problem] = findCombinationProblems(
      spec({ strategies: [{ name: 'sma_cross', params: { fast: [10, 20, 30], slow: [20, 40] } }] }),
      catalog,
    );
    expect(problem).toMatch(
      /^strategies\[0\]\.params: 2 combinations are invalid for sma_cross, e\.g\. \{"fast":20,"slow":20\}/,
    );
    expect(problem).toContain('where: fast < slow');
    expect(
      findCombinationProblems(
        spec({
          strategies: [{ name: 'sma_cross', params: { fast: [10, 20, 30], slow: [20, 40] }, where: 'fast < slow' }],
        }),
        catalog,
      ),
      'the constraint prunes exactly the refused combinations',
    ).toEqual([]);
  });

  it('names the symbols that have no bars for the interval, and the intervals they do have', () => {
    expect(findSweepProblems(spec({ symbols: ['ORCL', 'EURUSD', 'NOPE'] }), catalog)).toEqual([
      'symbols: no 1d bars for EURUSD, NOPE; EURUSD has 1h bars: set interval: 1h; import NOPE with `fleet data import`',
    ]);
  });

  it('checks an intraday range given as UTC date-times against the data', () => {
    const intraday = { symbols: ['EURUSD'], interval: '1h' };
    expect(
      findSweepProblems(spec({ ...intraday, start: '2017-05-02T09:00:00Z', end: '2017-05-02T17:00:00Z' }), catalog),
    ).toEqual([]);
    expect(
      findSweepProblems(spec({ ...intraday, start: '2018-02-07T12:00:00Z', end: '2018-03-01T00:00:00Z' }), catalog),
    ).toEqual([
      'start/end: 2018-02-07T12:00:00Z..2018-03-01T00:00:00Z is outside the 1h data of EURUSD (2017-04-19..2018-02-07)',
    ]);
  });

  it('refuses a fractional step over an integer parameter from its domain, without enumerating the grid', () => {
    const typo = spec({
      strategies: [
        {
          name: 'sma_cross',
          params: { fast: { from: 2, to: 50, step: 0.0001 }, slow: { from: 60, to: 100_000, step: 1 } },
          where: 'fast < slow',
        },
      ],
    });
    expect(findSweepProblems(typo, catalog), 'found from the domain of a 48-billion-combination grid').toEqual([
      'strategies[0].params.fast.step: 0.0001 is not an integer; fast of sma_cross takes integers only',
    ]);
  });

  it('refuses fractional values and values out of bounds per axis', () => {
    expect(
      findSweepProblems(
        spec({
          strategies: [{ name: 'sma_cross', params: { fast: [2, 2.5, 0], slow: { from: 0, to: 10.5, step: 0.5 } } }],
        }),
        catalog,
      ),
    ).toEqual([
      'strategies[0].params.fast: 1 value is not an integer ([1] 2.5); fast of sma_cross takes integers only',
      'strategies[0].params.fast[2]: 0 is out of bounds; fast of sma_cross must be ≥ 1',
      'strategies[0].params.slow.step: 0.5 is not an integer; slow of sma_cross takes integers only',
      'strategies[0].params.slow.from: 0 is out of bounds; slow of sma_cross must be ≥ 1',
    ]);
    expect(
      findSweepProblems(
        spec({ strategies: [{ name: 'rsi_reversion', params: { low: { from: 10, to: 120, step: 10 } } }] }),
        catalog,
      ),
    ).toEqual(['strategies[0].params.low.to: 120 is out of bounds; low of rsi_reversion must be < 100']);
  });

  it(`checks at most ${MAX_CHECKED_COMBINATIONS} combinations of a larger grid, spread over it, and says so`, () => {
    const parsed: Record<string, number>[] = [];
    const notes: string[] = [];
    const big = spec({
      strategies: [
        {
          name: 'sma_cross',
          params: { fast: { from: 1, to: 1000, step: 1 }, slow: { from: 1001, to: 2000, step: 1 } },
        },
      ],
    });
    const problems = findCombinationProblems(
      big,
      { parseParams: (name, params) => parsed.push(params) && parseStrategyParams(name, params) },
      { onNote: (note) => notes.push(note) },
    );
    expect(problems).toEqual([]);
    expect(parsed).toHaveLength(MAX_CHECKED_COMBINATIONS);
    expect(parsed[0], 'the first combination is checked').toEqual({ fast: 1, slow: 1001 });
    expect(parsed.at(-1), 'and the last').toEqual({ fast: 1000, slow: 2000 });
    expect(notes).toEqual([
      "strategies[0].params: checked 100,000 of 1,000,000 combinations against sma_cross's rules, spread over the grid; any other invalid run fails alone",
    ]);
  });

  it('refuses a date range outside the data', () => {
    expect(findSweepProblems(spec({ start: '2016-01-01', end: '2016-12-31' }), catalog)).toEqual([
      'start/end: 2016-01-01..2016-12-31 is outside the 1d data of ORCL (1995-01-03..2014-12-31)',
    ]);
  });
});
