import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { defineStrategy } from './strategy-definition.js';
import { collectStrategies, listStrategies, parseStrategyParams, registerStrategy } from './strategy-registry.js';

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

  it('collects what a load registers without touching the shared registry, so two versions of a name can coexist', async () => {
    const version = (n: number) =>
      defineStrategy({
        name: 'collected_twice',
        description: `version ${n}`,
        params: z.strictObject({}),
        paramDocs: {},
        create: () => ({ onBar() {} }),
      });
    const first = await collectStrategies(async () => registerStrategy(version(1)));
    const second = await collectStrategies(async () => {
      registerStrategy(version(2));
      return 'loaded';
    });
    expect(first.strategies.map((s) => s.description)).toEqual(['version 1']);
    expect(second).toMatchObject({ value: 'loaded', strategies: [{ description: 'version 2' }] });
    expect(listStrategies().map((s) => s.name)).not.toContain('collected_twice');
    await expect(collectStrategies(() => Promise.reject(new Error('load failed')))).rejects.toThrow('load failed');
    expect(() => registerStrategy(version(3)), 'a failed load ends the collection').not.toThrow();
    expect(listStrategies().map((s) => s.name)).toContain('collected_twice');
  });
});
