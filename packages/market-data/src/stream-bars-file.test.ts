import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MarketDataError } from './market-data-error.js';
import { streamBarsFile } from './stream-bars-file.js';

const samples = fileURLToPath(new URL('../../../data/samples/', import.meta.url));

describe('streamBarsFile', () => {
  it.each([
    { file: 'orcl-1995-2014.csv', count: 5036, layout: 'yahoo', interval: '1d', symbol: 'ORCL' },
    { file: 'goog-2004-2013.csv', count: 2148, layout: 'unnamed_index', interval: '1d', symbol: 'GOOG' },
    { file: 'eurusd-2017-1h.csv', count: 5000, layout: 'unnamed_index', interval: '1h', symbol: 'EURUSD' },
    { file: 'index-2006-5min.csv', count: 2142, layout: 'date_time_columns', interval: '5m', symbol: 'INDEX' },
  ])('tells layout, interval and symbol of $file from its first chunk and streams all its bars', async (c) => {
    const file = await streamBarsFile(`${samples}${c.file}`);
    expect({ layout: file.layout, interval: file.interval, symbol: file.symbol }).toEqual({
      layout: c.layout,
      interval: c.interval,
      symbol: c.symbol,
    });
    let count = 0;
    for await (const chunk of file.chunks) count += chunk.length;
    expect(count).toBe(c.count);
    expect(file.bytesRead(), 'progress reaches the file size').toBe(file.size);
  });

  it('needs an explicit interval for a file with a single bar, and takes it', async () => {
    const path = join(tmpdir(), `single-${process.pid}.csv`);
    await writeFile(path, ',Open,High,Low,Close,Volume\n2020-01-01,1,2,0.5,1.5,10\n');
    const refused = await streamBarsFile(path).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MarketDataError);
    expect(refused).toMatchObject({ code: 'UNKNOWN_INTERVAL', message: expect.stringContaining(path) });
    const given = await streamBarsFile(path, { interval: '1d' });
    expect(given.interval).toBe('1d');
  });
});
