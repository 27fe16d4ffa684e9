import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ParsedBar } from '@fleet/contracts';
import { describe, expect, it } from 'vitest';
import { BarRule } from './bar-rule.js';
import { MarketDataError } from './market-data-error.js';
import { MAX_BARS_PER_CHUNK } from './max-bars-per-chunk.js';
import { type ParseOptions, parseBarsCsv } from './parse-bars-csv.js';
import { readBarsFile } from './read-bars-file.js';

const samples = fileURLToPath(new URL('../../../data/samples/', import.meta.url));
const sample = (name: string): string => `${samples}${name}`;

async function collect(source: Parameters<typeof parseBarsCsv>[0], options?: ParseOptions): Promise<ParsedBar[][]> {
  const chunks: ParsedBar[][] = [];
  for await (const chunk of parseBarsCsv(source, options)) chunks.push(chunk);
  return chunks;
}

async function parseError(text: string, options: ParseOptions = { fileName: 'orcl.csv' }): Promise<MarketDataError> {
  const error = await collect(text, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, 'the corrupt input must be refused').toBeInstanceOf(MarketDataError);
  return error as MarketDataError;
}

/** Lines of a real file, so corrupt copies differ from real data in exactly one place. */
async function sampleLines(name: string): Promise<string[]> {
  return (await readFile(sample(name), 'utf8')).trimEnd().split('\n');
}

describe('readBarsFile on the shared sample files', () => {
  const cases = [
    { file: 'orcl-1995-2014.csv', count: 5036, layout: 'yahoo', interval: '1d', symbol: 'ORCL' },
    { file: 'yhoo-1996-2014.csv', count: 4713, layout: 'yahoo', interval: '1d', symbol: 'YHOO' },
    { file: 'nvda-1999-2014.csv', count: 4012, layout: 'yahoo', interval: '1d', symbol: 'NVDA' },
    { file: 'goog-2004-2013.csv', count: 2148, layout: 'unnamed_index', interval: '1d', symbol: 'GOOG' },
    { file: 'eurusd-2017-1h.csv', count: 5000, layout: 'unnamed_index', interval: '1h', symbol: 'EURUSD' },
    { file: 'index-2006-5min.csv', count: 2142, layout: 'date_time_columns', interval: '5m', symbol: 'INDEX' },
  ] as const;

  it.each(cases)('reads $file with its exact bar count, layout, interval and symbol', async (expected) => {
    const result = await readBarsFile(sample(expected.file));
    expect(result.bars, 'one bar per data line').toHaveLength(expected.count);
    expect({ layout: result.layout, interval: result.interval, symbol: result.symbol }).toEqual({
      layout: expected.layout,
      interval: expected.interval,
      symbol: expected.symbol,
    });
  });

  it('keeps the first and last rows as exact decimal strings at UTC times', async () => {
    const orcl = (await readBarsFile(sample('orcl-1995-2014.csv'))).bars;
    expect(orcl[0]).toEqual({
      time: Date.UTC(1995, 0, 3),
      open: '2.179012',
      high: '2.191358',
      low: '2.117284',
      close: '2.117284',
      volume: '36301200',
    });
    expect(orcl.at(-1), 'trailing zeros are the file’s digits and are kept').toEqual({
      time: Date.UTC(2014, 11, 31),
      open: '45.450001',
      high: '45.560001',
      low: '44.970001',
      close: '44.970001',
      volume: '13269200',
    });
    const eurusd = (await readBarsFile(sample('eurusd-2017-1h.csv'))).bars;
    expect(eurusd[0]?.time).toBe(Date.UTC(2017, 3, 19, 9));
    const index = (await readBarsFile(sample('index-2006-5min.csv'))).bars;
    expect(index[0], 'date and time columns are joined').toEqual({
      time: Date.UTC(2006, 0, 2, 9, 5),
      open: '3578.73',
      high: '3587.88',
      low: '3578.73',
      close: '3582.99',
      volume: '0',
    });
  });
});

describe('parseBarsCsv streaming', () => {
  it('yields chunks of at most 5000 bars that add up to the file', async () => {
    const chunks = await collect(createReadStream(sample('orcl-1995-2014.csv')), { fileName: 'orcl-1995-2014.csv' });
    expect(chunks.map((chunk) => chunk.length)).toEqual([MAX_BARS_PER_CHUNK, 36]);
  });

  it('reassembles lines and multi-byte characters split across tiny byte chunks', async () => {
    const whole = await collect(createReadStream(sample('nvda-1999-2014.csv')));
    const tiny = await collect(createReadStream(sample('nvda-1999-2014.csv'), { highWaterMark: 61 }));
    expect(tiny, 'the chunking of the input must not change the bars').toEqual(whole);
    const withBom = Buffer.from('\uFEFFDate,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,2,1,2,2,5\n');
    const bytes = (async function* () {
      for (const byte of withBom) yield Buffer.of(byte);
    })();
    expect((await collect(bytes)).flat()).toHaveLength(1);
  });

  it('accepts CRLF line endings and normalizes signs and leading zeros', async () => {
    const text = ',Open,High,Low,Close,Volume\r\n2020-01-02,+1.50,02,.5,1.5,0100\r\n2020-01-03,1.5,2,1,2,7\r\n';
    const [first, second] = (await collect(text)).flat();
    expect(first).toMatchObject({ open: '1.50', high: '2', low: '0.5', close: '1.5', volume: '100' });
    expect(second?.volume).toBe('7');
  });
});

describe('parseBarsCsv refuses corrupt copies of real files at the first bad row', () => {
  it('names the line and rule when high < low', async () => {
    const lines = await sampleLines('orcl-1995-2014.csv');
    lines[16] = '1995-01-25,11,10.5,11,11,10,100';
    const error = await parseError(lines.join('\n'));
    expect(error.message).toBe('orcl.csv line 17: high 10.5 < low 11 (rule: high >= low)');
    expect({ code: error.code, file: error.file, line: error.line, rule: error.rule }).toEqual({
      code: 'BAD_ROW',
      file: 'orcl.csv',
      line: 17,
      rule: BarRule.highAboveLow,
    });
  });

  it('refuses a quoted cell as a bad row naming its line, since price files never quote', async () => {
    const error = await parseError(',Open,High,Low,Close,Volume\n2020-01-02,"1.5",2,1,2,7\n', { fileName: 'q.csv' });
    expect(error.message).toBe('q.csv line 2: open ""1.5"" is not a number (rule: numeric price)');
  });

  it('names the line of a non-numeric price', async () => {
    const lines = await sampleLines('goog-2004-2013.csv');
    lines[99] = lines[99]?.replace(/,[\d.]+,/, ',abc,') ?? '';
    const error = await parseError(lines.join('\n'), { fileName: 'goog.csv' });
    expect(error.message).toBe('goog.csv line 100: open "abc" is not a number (rule: numeric price)');
  });

  it('names a duplicated timestamp with its own rule and the line it repeats', async () => {
    const lines = await sampleLines('index-2006-5min.csv');
    lines.splice(51, 0, lines[50] ?? '');
    const error = await parseError(lines.join('\n'), { fileName: 'index.csv' });
    expect(error.line).toBe(52);
    expect(error.rule).toBe(BarRule.duplicateTimestamp);
    expect(error.message).toMatch(/^index\.csv line 52: timestamp 2006-01-02T13:10:00.000Z repeats line 51/);
  });

  it('refuses timestamps that go backwards', async () => {
    const lines = await sampleLines('eurusd-2017-1h.csv');
    [lines[10], lines[11]] = [lines[11] ?? '', lines[10] ?? ''];
    const error = await parseError(lines.join('\n'));
    expect({ line: error.line, rule: error.rule }).toEqual({ line: 12, rule: BarRule.increasingTime });
  });

  it('names a truncated last line', async () => {
    const lines = await sampleLines('yhoo-1996-2014.csv');
    const last = lines.pop() ?? '';
    const truncated = `${lines.join('\n')}\n${last.slice(0, last.indexOf(',', 12))}`;
    expect(truncated.endsWith('2014-12-31,51.540001'), 'cut in the middle of the row, with no final newline').toBe(
      true,
    );
    const error = await parseError(truncated, { fileName: 'yhoo.csv' });
    expect(error.message).toBe('yhoo.csv line 4714: expected 7 columns, found 2 (rule: column count)');
  });

  it('refuses a last row cut inside its last number, which still parses, by its missing line end', async () => {
    const lines = await sampleLines('orcl-1995-2014.csv');
    const last = lines.pop() ?? '';
    const cut = last.slice(0, -3);
    expect(cut, 'every field is there, the volume cut short').toMatch(/^2014-12-31,(?:[\d.]+,){5}\d+$/);
    const error = await parseError(`${lines.join('\n')}\n${cut}`, { fileName: 'orcl.csv' });
    expect(error.message).toBe(
      `orcl.csv line 5037: the last row "${cut}" has no line end, so the file may be cut off; if the row is whole, end the file with a newline (rule: rows end with a line end)`,
    );
    expect(error.rule).toBe(BarRule.lineEnd);
    expect((await collect(`${lines.join('\n')}\n${last}\n`)).flat(), 'the whole row, ended, imports').toHaveLength(
      5036,
    );
  });

  it('refuses an empty file and a header-only file as EMPTY_FILE', async () => {
    for (const text of ['', '\n', 'Date,Open,High,Low,Close,Adj Close,Volume\n']) {
      const error = await parseError(text);
      expect(error.code, JSON.stringify(text)).toBe('EMPTY_FILE');
    }
  });

  it.each([
    ['2020-01-02,1,2,1,2,2,', 'numeric volume', 'volume "" is not a number'],
    ['2020-01-02,1,2,1,2,2,-5', 'volume >= 0', 'volume -5 is negative'],
    ['2020-01-02,0,2,0,2,2,5', 'price > 0', 'open 0 is not > 0'],
    ['2020-01-02,1,2,1,2,0,5', 'price > 0', 'adjClose 0 is not > 0'],
    ['2020-01-02,1,2,1,NaN,2,5', 'numeric price', 'close "NaN" is not a number'],
    ['2020-01-02,1,1e3,1,2,2,5', 'numeric price', 'high "1e3" is not a number'],
    ['2020-01-02,1,1.5,1,2,2,5', 'high >= max(open, close)', 'high 1.5 < close 2'],
    ['2020-01-02,1,2,1.5,2,2,5', 'low <= min(open, close)', 'low 1.5 > open 1'],
    ['2020-02-30,1,2,1,2,2,5', 'parseable timestamp', 'unparseable timestamp "2020-02-30"'],
    ['02/01/2020,1,2,1,2,2,5', 'parseable timestamp', 'unparseable timestamp "02/01/2020"'],
    ['2020-01-02,1,2,1,2,2,5,9', 'column count', 'expected 7 columns, found 8'],
  ])('refuses %s by rule %s', async (row, rule, detail) => {
    const error = await parseError(`Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-01,1,2,1,2,2,5\n${row}\n`);
    expect(error.message).toBe(`orcl.csv line 3: ${detail} (rule: ${rule})`);
  });

  it('names an unknown header and the layouts it knows', async () => {
    const error = await parseError('time,o,h,l,c\n1,2,3,4,5\n', { fileName: 'x.csv' });
    expect(error.code).toBe('UNKNOWN_LAYOUT');
    expect(error.message).toMatch(/^x\.csv line 1: unknown CSV header "time,o,h,l,c"; known layouts: yahoo \(/);
  });
});

describe('parseBarsCsv adjusted prices', () => {
  it('scales OHLC by Adj Close / Close to 6 decimals and keeps volume', async () => {
    const raw = (await readBarsFile(sample('orcl-1995-2014.csv'))).bars;
    const adjusted = (await readBarsFile(sample('orcl-1995-2014.csv'), { adjusted: true })).bars;
    expect(adjusted).toHaveLength(raw.length);
    // 1995-01-03: 2.179012,2.191358,2.117284,2.117284 with Adj Close 1.883304; factor = 1.883304 / 2.117284
    expect(adjusted[0]).toEqual({
      time: Date.UTC(1995, 0, 3),
      open: '1.938210', // 2.179012 × 1.883304 / 2.117284 = 1.9382104694…
      high: '1.949192', // 1.9491921191…
      low: '1.883304',
      close: '1.883304',
      volume: '36301200',
    });
    // 2014-12-31: 45.450001,45.560001,44.970001,44.970001 with Adj Close 42.303135
    expect(adjusted.at(-1)).toMatchObject({
      open: '42.754669', // 42.7546694529…
      high: '42.858146', // 42.8581460983…
      low: '42.303135',
      close: '42.303135',
    });
  });

  it('leaves a file whose Adj Close equals Close unchanged in value', async () => {
    const raw = (await readBarsFile(sample('yhoo-1996-2014.csv'))).bars;
    const adjusted = (await readBarsFile(sample('yhoo-1996-2014.csv'), { adjusted: true })).bars;
    expect(adjusted.map((bar) => Number(bar.close))).toEqual(raw.map((bar) => Number(bar.close)));
  });

  it('re-validates after rounding, refusing a price that rounds to zero', async () => {
    const text = 'Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,0.000001,2,0.000001,2,0.4,5\n';
    const error = await parseError(text, { fileName: 'orcl.csv', adjusted: true });
    expect(error.message).toBe('orcl.csv line 2: adjusted open 0.000000 is not > 0 (rule: price > 0)');
  });

  it('is refused for a layout without Adj Close', async () => {
    const error = await readBarsFile(sample('goog-2004-2013.csv'), { adjusted: true }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ name: 'MarketDataError', code: 'ADJUSTED_UNSUPPORTED', file: 'goog-2004-2013.csv' });
  });
});
