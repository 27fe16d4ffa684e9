import type { ValidationTrial } from '@fleet/db';
import { describe, expect, it } from 'vitest';
import { validateGroup } from './group-validation.js';

/** A trial of a fast × slow grid with a given sharpe and trade count; no return statistics unless asked. */
function trial(runIndex: number, fast: number, slow: number, sharpe: number, closedTrades = 20): ValidationTrial {
  return {
    runIndex,
    strategy: 'sma_cross',
    symbol: 'ORCL',
    params: { fast, slow },
    settings: {},
    fold: null,
    window: null,
    result: { closedTrades, metrics: { sharpe, barSharpe: sharpe / 16 } } as unknown as ValidationTrial['result'],
    returnStatistics: { observations: 1000, mean: 0, std: 0.01, skewness: 0, kurtosis: 3, blocks: null },
  };
}

describe('validateGroup', () => {
  // fast ∈ {5, 10, 15} × slow ∈ {50, 100}: the best by sharpe is run 4 (fast 15, slow 50) with only 3 trades.
  const grid = [
    trial(0, 5, 50, 0.2),
    trial(1, 5, 100, 0.4),
    trial(2, 10, 50, 0.9),
    trial(3, 10, 100, 0.9),
    trial(4, 15, 50, 1.5, 3),
    trial(5, 15, 100, 0.1),
  ];

  it('never calls a run below minTrades best, and breaks a tie by the lowest run index', () => {
    expect(validateGroup(grid, { select: 'sharpe', minTrades: 0 }).best?.runIndex).toBe(4);
    const group = validateGroup(grid, { select: 'sharpe', minTrades: 10 });
    expect(group.best?.runIndex, 'runs 2 and 3 tie at 0.9').toBe(2);
    expect(group.trials, 'every trial counts towards N, eligible or not').toBe(6);
  });

  it('scores stability over the neighbours one grid step away and flags a best on the edge of a swept range', () => {
    const { neighbourhood } = validateGroup(grid, { select: 'sharpe', minTrades: 10 });
    // Run 2 (fast 10, slow 50): neighbours fast 5 and fast 15 at slow 50, and slow 100 at fast 10.
    expect(neighbourhood?.neighbours).toBe(3);
    expect(neighbourhood?.stability).toBeCloseTo((0.2 + 1.5 + 0.9) / 3, 12);
    expect(neighbourhood?.onEdge).toEqual([{ name: 'slow', value: 50, side: 'low' }]);
  });

  it('leaves PBO out without block statistics, and a group of one without deflation', () => {
    const group = validateGroup(grid, { select: 'sharpe', minTrades: 0 });
    expect(group.pbo, 'no run kept blocks (fewer than 16 returns)').toBeNull();
    expect(group.dsr as number).toBeLessThan(group.psr as number);
    const alone = validateGroup([trial(0, 5, 50, 0.2)], { select: 'sharpe', minTrades: 0 });
    expect(alone.dsr, 'one trial involves no selection').toBe(alone.psr);
  });
});
