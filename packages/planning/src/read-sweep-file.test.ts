import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSweepFile } from './read-sweep-file.js';
import { SweepFileError } from './sweep-file-error.js';
import { strategySettings } from './sweep-plan.js';

async function fileWith(text: string, ext = 'yaml'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sweep-file-'));
  const path = join(dir, `sweep.${ext}`);
  await writeFile(path, text);
  return path;
}

const valid = `name: sma-grid
symbols: [ORCL, NVDA]
start: 2000-01-01
end: 2014-12-31
cash: 100000
strategies:
  - name: sma_cross
    params:
      fast: {from: 5, to: 50, step: 5}
      slow: [60, 100, 200]
`;

describe('readSweepFile', () => {
  it('reads the YAML layout of the design doc, with defaults filled in', async () => {
    const spec = await readSweepFile(await fileWith(valid));
    expect(spec).toMatchObject({ name: 'sma-grid', symbols: ['ORCL', 'NVDA'], interval: '1d', cash: '100000' });
    expect(strategySettings(spec, 0), 'settings the file leaves out take their defaults per run').toEqual({
      cash: '100000',
      size: 100,
      commission: '0',
      slippageBps: 0,
      riskFreeRate: 0,
    });
  });

  it('reads JSON too', async () => {
    const spec = await readSweepFile(
      await fileWith(
        JSON.stringify({
          name: 'j',
          symbols: ['A'],
          start: '2000-01-01',
          end: '2000-02-01',
          strategies: [{ name: 'buy_and_hold' }],
        }),
        'json',
      ),
    );
    expect(spec.strategies[0]?.params).toEqual({});
  });

  it.each([
    [valid.replace('step: 5', 'step: 0'), 'strategies[0].params.fast.step: must be > 0'],
    [valid.replace('cash: 100000', 'cash: 100000\ncolor: red'), "unknown key 'color'"],
    [valid.replace('end: 2014-12-31', 'end: 1999-12-31'), 'end: end must not be before start'],
    [valid.replace('[ORCL, NVDA]', '[ORCL, orcl]'), 'symbols[1]: must be 1–32 upper-case'],
    [valid.replace('start: 2000-01-01', 'start: yesterday'), 'start: must be a date YYYY-MM-DD'],
    ['name: [unclosed', 'not valid YAML or JSON'],
  ])('refuses a bad file and names where it is wrong (%#)', async (text, expected) => {
    const error = await readSweepFile(await fileWith(text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SweepFileError);
    expect((error as Error).message).toContain(expected);
  });
});
