import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { listStrategies, parseStrategyParams } from './strategy-registry.js';

function problems(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('ENGINE_INVALID_CONFIG');
    expect((error as ConfigError).name).toBe('ConfigError');
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('strategy registry', () => {
  it('lists every built-in strategy with documented parameters', () => {
    const strategies = listStrategies();
    expect(strategies.map((s) => s.name)).toEqual([
      'sma_cross',
      'rsi_reversion',
      'bollinger_reversion',
      'donchian_breakout',
      'buy_and_hold',
      'equal_weight',
      'momentum_rotation',
    ]);
    expect(
      strategies.filter((s) => s.portfolio).map((s) => s.name),
      'portfolio strategies declare themselves',
    ).toEqual(['equal_weight', 'momentum_rotation']);
    for (const strategy of strategies) {
      for (const doc of Object.values(strategy.params)) expect(doc, strategy.name).toMatch(/default/);
    }
  });

  it('applies defaults and accepts numeric strings', () => {
    expect(parseStrategyParams('sma_cross', {})).toEqual({ fast: 10, slow: 30 });
    expect(parseStrategyParams('sma_cross', { fast: '5' })).toEqual({ fast: 5, slow: 30 });
    expect(parseStrategyParams('rsi_reversion', {})).toEqual({ period: 14, low: 30, high: 70 });
  });

  it('names the valid strategies when the name is unknown', () => {
    expect(problems(() => parseStrategyParams('nope', {}))).toContain(
      "unknown strategy 'nope'; valid strategies: sma_cross, rsi_reversion, bollinger_reversion, donchian_breakout, buy_and_hold",
    );
  });

  it('reports each parameter problem with its path', () => {
    const message = problems(() => parseStrategyParams('sma_cross', { fast: 0.5, slow: 'x' }));
    expect(message).toContain('sma_cross.fast: must be an integer ≥ 1');
    expect(message).toContain('sma_cross.slow: must be an integer ≥ 1');
  });

  it('requires fast < slow and low < high', () => {
    expect(problems(() => parseStrategyParams('sma_cross', { fast: 30, slow: 10 }))).toContain(
      'sma_cross.fast: must be less than slow',
    );
    expect(problems(() => parseStrategyParams('rsi_reversion', { low: 80, high: 70 }))).toContain(
      'rsi_reversion.low: must be less than high',
    );
  });

  it('rejects unknown parameters instead of ignoring a typo', () => {
    expect(problems(() => parseStrategyParams('sma_cross', { fats: 5 }))).toContain('sma_cross');
  });
});
