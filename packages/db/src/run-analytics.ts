import { type Kysely, type RawBuilder, sql } from 'kysely';
import { RunFields } from './run-fields.js';
import type { RunRow } from './run-queries.js';
import { RunQueryError } from './run-query-error.js';
import type { Database } from './schema.js';
import { sweptValue } from './swept-value.js';

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The SQL value of a {@link RunFields} name or `param.<name>` as float8, so parameters and metrics sort and compare alike. */
function fieldExpression(field: string): RawBuilder<number> {
  if (field.startsWith('param.')) {
    const name = field.slice('param.'.length);
    if (!PARAM_NAME.test(name)) throw new RunQueryError(`'${name}' is not a parameter name`);
    return sweptValue(name);
  }
  const column = RunFields.get(field);
  if (!column) throw new RunQueryError(`'${field}' is not a run field or param.<name>`);
  return sql<number>`${sql.ref(column)}::float8`;
}

/** A heatmap axis: `universe` is categorical (its values are universe names), any other name a numeric parameter. */
function axisExpression(axis: string): RawBuilder<number | string> {
  return axis === 'universe' ? sql<string>`${sql.ref('universe')}` : fieldExpression(`param.${axis}`);
}

/** A range on one field, both ends inclusive and optional. */
export interface RunRange {
  field: string;
  min?: number;
  max?: number;
}

/** Which runs of a sweep a query looks at. */
interface RunSelection {
  /** @defaultValue 'succeeded' */
  status?: 'succeeded' | 'failed' | 'all';
  strategy?: string;
  symbol?: string;
  universe?: string;
  ranges?: readonly RunRange[];
  /** Parameters held at one value, e.g. the heatmap's fixed parameters. */
  fixed?: Readonly<Record<string, number>>;
}

function selectRuns(db: Kysely<Database>, sweepId: string, selection: RunSelection) {
  let query = db.selectFrom('runs').where('sweep_id', '=', sweepId);
  const status = selection.status ?? 'succeeded';
  if (status !== 'all') query = query.where('status', '=', status);
  if (selection.strategy) query = query.where('strategy', '=', selection.strategy);
  if (selection.symbol) query = query.where('symbol', '=', selection.symbol);
  if (selection.universe) query = query.where('universe', '=', selection.universe);
  for (const range of selection.ranges ?? []) {
    const value = fieldExpression(range.field);
    if (range.min !== undefined) query = query.where(sql<boolean>`${value} >= ${range.min}`);
    if (range.max !== undefined) query = query.where(sql<boolean>`${value} <= ${range.max}`);
  }
  for (const [name, value] of Object.entries(selection.fixed ?? {}))
    query = query.where(sql<boolean>`${fieldExpression(`param.${name}`)} = ${value}`);
  return query;
}

/** Options of {@link leaderboard}. */
export interface LeaderboardQuery extends RunSelection {
  /** A {@link RunFields} name or `param.<name>`. @defaultValue 'sharpe' */
  sort?: string;
  /** @defaultValue 'desc' */
  direction?: 'asc' | 'desc';
  /** @defaultValue 50 */
  limit?: number;
  /** @defaultValue 0 */
  offset?: number;
}

/**
 * One page of a sweep's runs, sorted and filtered in Postgres, with the number of runs matching the filters: a page
 * costs one top-N sort however many runs the sweep has, and the browser never receives more than a page.
 *
 * @example
 * const { total, runs } = await leaderboard(db, sweepId, { sort: 'param.fast', direction: 'asc', limit: 50 });
 */
export async function leaderboard(
  db: Kysely<Database>,
  sweepId: string,
  query: LeaderboardQuery = {},
): Promise<{ total: number; runs: RunRow[] }> {
  const sortBy = fieldExpression(query.sort ?? 'sharpe');
  const direction = query.direction === 'asc' ? sql`asc` : sql`desc`;
  const base = selectRuns(db, sweepId, query);
  const [count, runs] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy(sql`${sortBy} ${direction} nulls last`)
      .orderBy('run_index')
      .limit(Math.min(query.limit ?? 50, 1000))
      .offset(query.offset ?? 0)
      .execute(),
  ]);
  return { total: Number(count.n), runs };
}

/** How a heatmap cell combines the runs that fall on it. */
export const HeatmapAggregates = ['avg', 'max', 'min'] as const;
type HeatmapAggregate = (typeof HeatmapAggregates)[number];

/** Options of {@link heatmap}. */
export interface HeatmapQuery extends RunSelection {
  /** A {@link RunFields} name. */
  metric: string;
  /** Parameter names of the two axes, or `universe` for the universe a portfolio run traded. */
  x: string;
  y: string;
  /** How runs that differ only in other, unfixed parameters combine. @defaultValue 'avg' */
  aggregate?: HeatmapAggregate;
}

/** One heatmap cell: the aggregated metric of the runs at one (x, y) pair; a `universe` axis holds its names. */
export interface HeatmapCell {
  x: number | string;
  y: number | string;
  value: number | null;
  runs: number;
}

/**
 * A metric over two parameters as one GROUP BY in Postgres: other parameters are either fixed (`fixed`) or
 * aggregated, so a 100,000-run sweep becomes a few hundred cells.
 *
 * @example
 * const cells = await heatmap(db, sweepId, { metric: 'sharpe', x: 'fast', y: 'slow', aggregate: 'max' });
 */
export async function heatmap(db: Kysely<Database>, sweepId: string, query: HeatmapQuery): Promise<HeatmapCell[]> {
  if (!RunFields.has(query.metric)) throw new RunQueryError(`'${query.metric}' is not a run field`);
  const x = axisExpression(query.x);
  const y = axisExpression(query.y);
  const metric = fieldExpression(query.metric);
  const aggregate = query.aggregate ?? 'avg';
  if (!HeatmapAggregates.includes(aggregate)) throw new RunQueryError(`'${aggregate}' is not avg, max or min`);
  const rows = await selectRuns(db, sweepId, query)
    .select([
      x.as('x'),
      y.as('y'),
      sql<number | null>`${sql.raw(aggregate)}(${metric})`.as('value'),
      sql<number>`count(*)`.as('runs'),
    ])
    .where(sql<boolean>`${x} is not null and ${y} is not null`)
    .groupBy([sql`1`, sql`2`])
    .orderBy(sql`1`)
    .orderBy(sql`2`)
    .execute();
  return rows.map((r) => ({ x: r.x, y: r.y, value: r.value, runs: Number(r.runs) }));
}

/** A reason runs failed for, with how many runs, one example message and the first runs that failed for it. */
export interface FailureReason {
  name: string;
  code: string;
  message: string;
  runs: number;
  /** Up to three run indexes, lowest first, to look at or replay. */
  exampleRuns: number[];
}

/**
 * A sweep's failed runs grouped by error name and code (most frequent first, with one example message each), plus
 * one page of the failed runs themselves.
 */
export async function failureSummary(
  db: Kysely<Database>,
  sweepId: string,
  page: { limit?: number; offset?: number } = {},
): Promise<{ total: number; reasons: FailureReason[]; runs: RunRow[] }> {
  const failed = db.selectFrom('runs').where('sweep_id', '=', sweepId).where('status', '=', 'failed');
  const [reasons, runs] = await Promise.all([
    failed
      .select([
        sql<string>`coalesce(error_name, '')`.as('name'),
        sql<string>`coalesce(error_code, '')`.as('code'),
        sql<string>`min(error_message)`.as('message'),
        sql<number>`count(*)`.as('runs'),
        sql<number[]>`(array_agg(run_index order by run_index))[1:3]`.as('exampleRuns'),
      ])
      .groupBy(['error_name', 'error_code'])
      .orderBy(sql`count(*)`, 'desc')
      .limit(50)
      .execute(),
    failed
      .selectAll()
      .orderBy('run_index')
      .limit(Math.min(page.limit ?? 100, 1000))
      .offset(page.offset ?? 0)
      .execute(),
  ]);
  const grouped = reasons.map((r) => ({ ...r, runs: Number(r.runs), exampleRuns: r.exampleRuns.map(Number) }));
  return { total: grouped.reduce((n, r) => n + r.runs, 0), reasons: grouped, runs };
}

/** Rows a sweep stored in the last `windowMs`, for its current throughput. */
export async function recentRunCount(db: Kysely<Database>, sweepId: string, windowMs: number): Promise<number> {
  const row = await db
    .selectFrom('runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sweep_id', '=', sweepId)
    .where('created_at', '>', sql<Date>`now() - ${`${windowMs} milliseconds`}::interval`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One stored run by its key, or `undefined`. */
export async function findRun(db: Kysely<Database>, sweepId: string, runIndex: number): Promise<RunRow | undefined> {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('sweep_id', '=', sweepId)
    .where('run_index', '=', runIndex)
    .executeTakeFirst();
}
