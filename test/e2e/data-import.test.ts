import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FleetTestEnv, lastJsonLine, repoRoot, runCli } from '../support/fleet-processes.js';

const env: FleetTestEnv = {
  DATABASE_URL: inject('databaseUrl'),
  REDIS_URL: inject('redisUrl'),
  FLEET_QUEUE_PREFIX: `fleet-${inject('runId')}-data`,
};
// Other test files of the run import the same samples; a tag in every symbol keeps this file's series its own.
const tag = `D${randomBytes(3).toString('hex').toUpperCase()}`;
const dir = join(tmpdir(), `fleet-data-${tag}`);
const samples = `${repoRoot}data/samples/`;

interface ListedSeries {
  symbol: string;
  interval: string;
  bars: number;
  from: string;
  to: string;
  dataVersion: string;
}
interface ImportSummary {
  files: { symbol: string; interval: string; layout: string; rows: number; inserted: number; dataVersion: string }[];
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

async function listAll(): Promise<ListedSeries[]> {
  const list = await runCli(['data', 'list', '--json'], env);
  expect(list.code, list.stderr).toBe(0);
  return lastJsonLine<{ series: ListedSeries[] }>(list.stdout).series;
}

const listed = async (symbol: string) => (await listAll()).filter((s) => s.symbol === symbol);

async function importJson(args: readonly string[]): Promise<ImportSummary> {
  const imported = await runCli(['data', 'import', ...args, '--json'], env);
  expect(imported.code, imported.stderr).toBe(0);
  return lastJsonLine<ImportSummary>(imported.stdout);
}

const orclLines = async () => (await readFile(`${samples}orcl-1995-2014.csv`, 'utf8')).trimEnd().split('\n');

beforeAll(() => mkdir(dir, { recursive: true }));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('fleet data import', () => {
  const shared = [
    { file: 'orcl-1995-2014.csv', bars: 5036, interval: '1d', layout: 'yahoo' },
    { file: 'yhoo-1996-2014.csv', bars: 4713, interval: '1d', layout: 'yahoo' },
    { file: 'nvda-1999-2014.csv', bars: 4012, interval: '1d', layout: 'yahoo' },
    { file: 'goog-2004-2013.csv', bars: 2148, interval: '1d', layout: 'unnamed_index' },
    { file: 'eurusd-2017-1h.csv', bars: 5000, interval: '1h', layout: 'unnamed_index' },
    { file: 'index-2006-5min.csv', bars: 2142, interval: '5m', layout: 'date_time_columns' },
  ];

  it('imports every shared file with its exact bar count, and importing them again changes nothing', async () => {
    const paths = await Promise.all(
      shared.map(async ({ file }) => {
        // The symbol comes from the file name, so the tagged copy imports as e.g. DAB12CDORCL.
        const path = join(dir, `${tag}${file}`);
        await writeFile(path, await readFile(`${samples}${file}`));
        return path;
      }),
    );
    const first = await importJson(paths);
    expect(first.files.map((f) => [f.symbol, f.interval, f.layout, f.rows, f.inserted])).toEqual(
      shared.map((s) => [`${tag}${s.file.split('-')[0]?.toUpperCase()}`, s.interval, s.layout, s.bars, s.bars]),
    );
    const all = await listAll();
    for (const [i, s] of shared.entries()) {
      const symbol = first.files[i]?.symbol ?? '';
      expect(
        all.filter((l) => l.symbol === symbol),
        `${s.file} is listed with its bars`,
      ).toEqual([
        expect.objectContaining({ interval: s.interval, bars: s.bars, dataVersion: first.files[i]?.dataVersion }),
      ]);
    }

    const again = await importJson(paths);
    expect(again, 're-import is a no-op').toMatchObject({
      rows: first.rows,
      inserted: 0,
      updated: 0,
      unchanged: first.rows,
    });
    expect(
      again.files.map((f) => f.dataVersion),
      'unchanged bars keep their data version',
    ).toEqual(first.files.map((f) => f.dataVersion));
  });

  it('an overlapping newer file inserts the new bars, updates the one that changed and says so', async () => {
    const [header = '', ...rows] = await orclLines();
    const older = join(dir, 'older.csv');
    const newer = join(dir, 'newer.csv');
    await writeFile(older, [header, ...rows.slice(0, 3000), ''].join('\n'));
    // Rows 2000..5035: 1,000 overlap, one of them corrected (a higher high), and 2,036 new.
    const corrected = rows.slice(2000).map((row, i) => {
      if (i !== 500) return row;
      const cells = row.split(',');
      cells[2] = '99.5';
      return cells.join(',');
    });
    await writeFile(newer, [header, ...corrected, ''].join('\n'));
    const symbol = `${tag}OVL`;
    const first = await importJson([older, '--symbol', symbol]);
    const second = await importJson([newer, '--symbol', symbol]);
    expect(second).toMatchObject({ rows: 3036, inserted: 2036, updated: 1, unchanged: 999 });
    expect(second.files[0]?.dataVersion).not.toBe(first.files[0]?.dataVersion);

    const human = await runCli(['data', 'import', newer, '--symbol', symbol], env);
    expect(human.stdout).toContain('0 inserted, 0 updated, 3036 unchanged');
    expect(human.stdout).toContain(`data version ${second.files[0]?.dataVersion} (unchanged)`);
    expect(await listed(symbol)).toEqual([expect.objectContaining({ bars: 5036, to: '2014-12-31T00:00:00.000Z' })]);
  });

  describe('refuses a corrupt copy, naming the line and rule, and writes nothing of it', () => {
    const symbol = `${tag}BAD`;
    const edit = (line: number, change: (cells: string[]) => string[]) => (lines: string[]) =>
      lines.map((row, i) => (i === line - 1 ? change(row.split(',')).join(',') : row));
    // Bad rows sit after line 5001, so the whole first chunk of 5,000 bars was already written when they are found.
    const cases = [
      {
        name: 'high below low on one row',
        corrupt: edit(5030, (c) => [c[0] ?? '', c[1] ?? '', '40.0', '45.0', ...c.slice(4)]),
        error: /line 5030: high 40\.0 < low 45\.0 \(rule: high >= low\)/,
      },
      {
        name: 'a non-numeric price',
        corrupt: edit(5031, (c) => [c[0] ?? '', 'n/a', ...c.slice(2)]),
        error: /line 5031: open "n\/a" is not a number \(rule: numeric price\)/,
      },
      {
        name: 'a duplicated timestamp',
        corrupt: (lines: string[]) => [...lines.slice(0, 5020), lines[5019] ?? '', ...lines.slice(5020)],
        error: /line 5021: timestamp 2014-12-05T00:00:00.000Z repeats line 5020 \(rule: duplicate timestamp\)/,
      },
      {
        name: 'a truncated last line',
        corrupt: (lines: string[]) => [...lines.slice(0, -1), (lines.at(-1) ?? '').slice(0, 25)],
        error: /line 5037: expected 7 columns, found 3 \(rule: column count\)/,
      },
      {
        name: 'a last line cut inside its volume, without a line end',
        corrupt: (lines: string[]) => [...lines.slice(0, -1), (lines.at(-1) ?? '').slice(0, -3)],
        unterminated: true,
        error:
          /line 5037: the last row "2014-12-31,[\d.,]+,13269" has no line end, so the file may be cut off; if the row is whole, end the file with a newline \(rule: rows end with a line end\)/,
      },
      { name: 'an empty file', corrupt: () => [], error: /no bars \(empty file or header only\)/ },
    ];

    let before: ListedSeries[] = [];
    beforeAll(async () => {
      const [header = '', ...rows] = await orclLines();
      const small = join(dir, 'small.csv');
      await writeFile(small, [header, ...rows.slice(0, 100), ''].join('\n'));
      await importJson([small, '--symbol', symbol]);
      before = await listed(symbol);
      expect(before).toEqual([expect.objectContaining({ bars: 100 })]);
    });

    it.each(cases)('$name', async ({ name, corrupt, error, ...how }) => {
      const path = join(dir, `${name.replaceAll(' ', '-').replaceAll(',', '')}.csv`);
      const lines = corrupt(await orclLines());
      await writeFile(path, 'unterminated' in how ? lines.join('\n') : [...lines, ''].join('\n'));
      const refused = await runCli(['data', 'import', path, '--symbol', symbol], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim(), 'one line: error, file, line and rule').toMatch(
        new RegExp(`^error: ${path.replaceAll('.', '\\.')}:? ${error.source}$`),
      );
      expect(await listed(symbol), 'bars and data version are as before the refused import').toEqual(before);
    });
  });
});

describe('fleet data synth', () => {
  it('writes seeded valid bars, the same ones on every run', async () => {
    const args = ['data', 'synth', '--symbols', '2', '--bars', '3000', '--interval', '1m', '--seed', '7'];
    const first = await runCli([...args, '--prefix', `${tag}S`, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const summary = lastJsonLine<{ series: { symbol: string; dataVersion: string }[]; inserted: number }>(first.stdout);
    expect(summary.inserted).toBe(6000);
    expect(summary.series.map((s) => s.symbol)).toEqual([`${tag}S1`, `${tag}S2`]);
    const again = await runCli([...args, '--prefix', `${tag}S`, '--json'], env);
    expect(lastJsonLine(again.stdout), 'the same seed writes the same bars').toMatchObject({
      inserted: 0,
      unchanged: 6000,
    });
    expect(await listed(`${tag}S1`)).toEqual([
      expect.objectContaining({
        interval: '1m',
        bars: 3000,
        from: '2020-01-01T00:00:00.000Z',
        to: '2020-01-03T01:59:00.000Z',
      }),
    ]);
  });
});
