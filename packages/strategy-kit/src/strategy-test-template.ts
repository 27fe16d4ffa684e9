/**
 * The source of a new strategy's vitest test: it runs the strategy through the engine on the sample series this
 * package ships (real ORCL daily bars, 2013–2014) and checks that it trades, that it is deterministic, and that its
 * schema refuses a bad parameter, so the file passes as generated and fails once an edit breaks one of those.
 */
export function strategyTestTemplate(name: string, identifier: string): string {
  return `import { runBacktest } from '@fleet/engine';
import { loadSampleSeries } from '@fleet/strategy-kit';
import { describe, expect, it } from 'vitest';
import { ${identifier} } from './${name}.js';

const config = { strategy: ${identifier}.name, params: {}, cash: '100000' };

describe('${name}', () => {
  it('trades on the sample series', async () => {
    const series = await loadSampleSeries();
    const result = runBacktest(series, config);
    expect(result.fills, 'two years of daily ORCL should give the default parameters a trade').toBeGreaterThan(0);
    expect(Number(result.finalEquity), 'equity stays positive').toBeGreaterThan(0);
  });

  it('gives the same result every time, as the fleet relies on for its cache', async () => {
    const series = await loadSampleSeries();
    expect(runBacktest(series, config)).toEqual(runBacktest(series, config));
  });

  it('refuses parameters its schema does not allow', () => {
    expect(() => ${identifier}.prepare({ period: 1 })).toThrow(/${name}\\.period/);
  });
});
`;
}
