import { SweepSpec } from '@fleet/contracts';
import { describe, expect, it } from 'vitest';
import { checkSweepReferences } from './check-sweep-references.js';

describe('checkSweepReferences', () => {
  const spec = SweepSpec.parse({
    name: 'x',
    symbols: ['ORCL', 'NOPE'],
    start: '2000-01-01',
    end: '2001-01-01',
    strategies: [{ name: 'sma_cross' }, { name: 'smacross' }],
  });

  it('lists unknown strategies with the valid ones, and symbols without bars by name', () => {
    expect(
      checkSweepReferences(spec, { strategies: ['sma_cross', 'buy_and_hold'], symbols: new Set(['ORCL']) }),
    ).toEqual([
      "strategies[1].name: unknown strategy 'smacross'; valid: sma_cross, buy_and_hold",
      'symbols: no 1d bars for NOPE (import them with `fleet data import`)',
    ]);
  });

  it('finds nothing wrong when everything exists', () => {
    expect(
      checkSweepReferences(spec, { strategies: ['sma_cross', 'smacross'], symbols: new Set(['ORCL', 'NOPE']) }),
    ).toEqual([]);
  });
});
