import { describe, expect, it } from 'vitest';
import { SweepSpec } from './sweep-spec.js';

const base = {
  name: 'n',
  symbols: ['ORCL'],
  start: '2000-01-01',
  end: '2000-12-31',
  strategies: [{ name: 'sma_cross', params: {} }],
};

describe('SweepSpec', () => {
  it('keeps money as decimal strings, whatever the file wrote', () => {
    expect(SweepSpec.parse({ ...base, cash: 100000.5, commission: '0.001' })).toMatchObject({
      cash: '100000.5',
      commission: '0.001',
    });
  });

  it.each([
    [{ ...base, cash: -1 }, ['cash']],
    [{ ...base, cash: '1e5' }, ['cash']],
    [{ ...base, symbols: [] }, ['symbols']],
    [
      { ...base, strategies: [{ name: 'x', params: { fast: { from: 10, to: 5, step: 1 } } }] },
      ['strategies', 0, 'params', 'fast'],
    ],
    [{ ...base, strategies: [{ name: 'x', params: { fast: [] } }] }, ['strategies', 0, 'params', 'fast']],
    [{ ...base, extra: 1 }, []],
  ])('refuses %j at its path', (input, path) => {
    const result = SweepSpec.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.slice(0, path.length))).toContainEqual(path);
  });

  it.each([
    ['constructor > 1', "names 'constructor' not among the swept params (fast, slow)"],
    ["fast = 'a'", 'text compares only with text, by =, != or in, at 6'],
    ["'fast'", 'a constraint must be a condition, not text'],
  ])('refuses the constraint %j: %s', (where, message) => {
    const strategies = [{ name: 'sma_cross', params: { fast: [5, 10], slow: [50] }, where }];
    const result = SweepSpec.safeParse({ ...base, strategies });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(
      expect.objectContaining({ path: ['strategies', 0, 'where', 0], message }),
    );
  });
});
