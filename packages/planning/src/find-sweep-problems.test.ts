import { SweepSpec, type SweepSpecInput } from '@fleet/contracts';
import { listStrategies, parseStrategyParams } from '@fleet/engine';
import { describe, expect, it } from 'vitest';
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
    const [problem] = findSweepProblems(
      spec({ strategies: [{ name: 'sma_cross', params: { fast: [10, 20, 30], slow: [20, 40] } }] }),
      catalog,
    );
    expect(problem).toMatch(
      /^strategies\[0\]\.params: 2 combinations are invalid for sma_cross, e\.g\. \{"fast":20,"slow":20\}/,
    );
    expect(problem).toContain('where: fast < slow');
    expect(
      findSweepProblems(
        spec({
          strategies: [{ name: 'sma_cross', params: { fast: [10, 20, 30], slow: [20, 40] }, where: 'fast < slow' }],
        }),
        catalog,
      ),
      'the constraint prunes exactly the refused combinations',
    ).toEqual([]);
  });

  it('names the symbols that have no bars for the interval', () => {
    expect(findSweepProblems(spec({ symbols: ['ORCL', 'EURUSD', 'NOPE'] }), catalog)).toEqual([
      'symbols: no 1d bars for EURUSD, NOPE (import them with `fleet data import`)',
    ]);
  });

  it('refuses a date range outside the data', () => {
    expect(findSweepProblems(spec({ start: '2016-01-01', end: '2016-12-31' }), catalog)).toEqual([
      'start/end: 2016-01-01..2016-12-31 is outside the 1d data of ORCL (1995-01-03..2014-12-31)',
    ]);
  });
});
