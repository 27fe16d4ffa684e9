import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  LedgerNames,
  MetricNames,
  MetricTable,
  parseExpression,
  RankableMetrics,
  RunMetrics,
  RunOutcome,
  StatisticNames,
} from '@fleet/contracts';
import { createDatabase, RunFields, type RunRow, runResultOf, streamRuns, topRuns } from '@fleet/db';
import { bestRuns, exportRuns } from '@fleet/sweep';
import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { metricNames, resultColumns } from '../../apps/producer/src/commands/sweep-results.js';
import { seedSweep } from '../support/seed-sweep.js';

const samples = fileURLToPath(new URL('../../data/samples/', import.meta.url));
const db = createDatabase({ url: inject('databaseUrl') });
let sweepId = '';
const rows: RunRow[] = [];

const SQL_TYPES = { float: 'double precision', integer: 'integer', decimal: 'numeric' } as const;

beforeAll(async () => {
  ({ sweepId } = await seedSweep(
    db,
    {
      name: 'metric-vocabulary',
      symbols: ['ORCL'],
      start: '2003-01-01',
      end: '2012-12-31',
      commission: 0.001,
      strategies: [{ name: 'sma_cross', params: { fast: [5, 10, 20], slow: [50, 100] } }],
    },
    [`${samples}orcl-1995-2014.csv`],
  ));
  for await (const page of streamRuns(db, sweepId)) rows.push(...page);
  return () => db.destroy();
});

/** Whether a stored run has a value for a metric (statistics may be undefined for a run, and are then null). */
const hasValue = (row: RunRow, name: keyof typeof MetricTable) => (row[MetricTable[name].column] ?? null) !== null;

describe('every metric of the metric table reaches every consumer', () => {
  it('has a column of its type in the migrated runs table', async () => {
    const columns = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns where table_name = 'runs'`.execute(db);
    const types = new Map(columns.rows.map((c) => [c.column_name, c.data_type]));
    for (const name of MetricNames) {
      const { column, type } = MetricTable[name];
      expect(types.get(column), `${name}: a migration must add runs.${column}`).toBe(SQL_TYPES[type]);
    }
  });

  it('is in the outcome schema: statistics in metrics, ledger totals beside them', () => {
    expect(Object.keys(RunMetrics.shape)).toEqual(StatisticNames);
    const succeeded = RunOutcome.options.find((o) => o.shape.status.value === 'succeeded');
    for (const name of LedgerNames) expect(Object.keys(succeeded?.shape ?? {}), name).toContain(name);
    expect([...StatisticNames, ...LedgerNames].sort()).toEqual([...MetricNames].sort());
  });

  it('is computed by the runner and stored for the runs of a real sweep', () => {
    expect(rows.length).toBe(6);
    for (const name of MetricNames)
      expect(
        rows.some((r) => hasValue(r, name)),
        `${name} is stored for at least one run`,
      ).toBe(true);
  });

  it('reads back under its wire name', () => {
    for (const row of rows) {
      const result = runResultOf(row) as unknown as Record<string, unknown> & { metrics: Record<string, unknown> };
      for (const name of LedgerNames) expect(result[name], name).toBe(row[MetricTable[name].column]);
      for (const name of StatisticNames) expect(result.metrics[name], name).toBe(row[MetricTable[name].column]);
    }
  });

  it('is a column of the CSV export and a key of the JSONL export, with the stored value', async () => {
    let csv = '';
    await exportRuns(db, sweepId, 'csv', async (chunk) => {
      csv += chunk;
    });
    const [header = '', first = ''] = csv.split('\n');
    const columns = header.split(',');
    for (const name of MetricNames) expect(columns, name).toContain(MetricTable[name].column);
    const cells = first.split(',');
    const row0 = rows[0] as RunRow;
    for (const name of MetricNames) {
      const stored = row0[MetricTable[name].column];
      expect(cells[columns.indexOf(MetricTable[name].column)], name).toBe(stored === null ? '' : String(stored));
    }

    let jsonl = '';
    await exportRuns(db, sweepId, 'jsonl', async (chunk) => {
      jsonl += chunk;
    });
    const line = JSON.parse(jsonl.split('\n')[0] ?? '') as Record<string, unknown>;
    for (const name of MetricNames) expect(line[name], name).toBe(row0[MetricTable[name].column]);
  });

  it('is a name --where accepts, standing for its own column', async () => {
    for (const name of [...RunFields.keys()]) expect(RunFields.get(name), name).toBeDefined();
    for (const name of MetricNames) {
      const kept = await bestRuns(db, sweepId, {
        by: 'sharpe',
        top: 100,
        where: parseExpression(`${name} == ${name}`),
      });
      expect(kept.length, `${name} == ${name} holds exactly where ${name} is stored`).toBe(
        rows.filter((r) => hasValue(r, name)).length,
      );
    }
  });

  it('is a --by choice when rankable, ranking best first, and a column of the results table then', async () => {
    expect(metricNames).toEqual(RankableMetrics);
    expect(RankableMetrics).toEqual(MetricNames.filter((n) => MetricTable[n].rankable));
    for (const by of RankableMetrics) {
      const { column, higherIsBetter } = MetricTable[by];
      const values = (await topRuns(db, sweepId, { by, limit: 100 }))
        .map((r) => r[column])
        .filter((v) => v !== null)
        .map(Number);
      const best = [...values].sort((a, b) => (higherIsBetter ? b - a : a - b));
      expect(values, `--by ${by}`).toEqual(best);
      expect(resultColumns(by), `fleet sweep results --by ${by} shows ${by}`).toContain(by);
    }
  });

  it('is listed by the README where it documents --by', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const results = readme.split('\n').find((l) => l.includes('`fleet sweep results ID')) ?? '';
    for (const name of RankableMetrics) expect(results, name).toContain(`\`${name}\``);
  });
});
