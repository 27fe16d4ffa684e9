import { type Kysely, sql } from 'kysely';

// Kysely<any> on purpose: a migration is frozen in time and must not follow later changes of the typed schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sweeps')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('spec', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'running', 'completed', 'completed_with_failures', 'cancelled')`),
    )
    .addColumn('total', 'bigint', (c) => c.notNull().check(sql`total >= 0`))
    .addColumn('jobs', 'bigint', (c) => c.notNull())
    .addColumn('runs_per_job', 'integer', (c) => c.notNull().check(sql`runs_per_job > 0`))
    .addColumn('enqueued_jobs', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('succeeded', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('sweep_id', 'uuid', (c) => c.notNull().references('sweeps.id').onDelete('cascade'))
    .addColumn('run_index', 'bigint', (c) => c.notNull())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('succeeded', 'failed')`))
    .addColumn('final_equity', 'numeric')
    .addColumn('closed_trades', 'integer')
    .addColumn('winning_trades', 'integer')
    .addColumn('total_return', 'double precision')
    .addColumn('cagr', 'double precision')
    .addColumn('volatility', 'double precision')
    .addColumn('sharpe', 'double precision')
    .addColumn('sortino', 'double precision')
    .addColumn('max_drawdown', 'double precision')
    .addColumn('max_drawdown_duration', 'integer')
    .addColumn('calmar', 'double precision')
    .addColumn('win_rate', 'double precision')
    .addColumn('profit_factor', 'double precision')
    .addColumn('average_trade', 'double precision')
    .addColumn('exposure', 'double precision')
    .addColumn('error_name', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('duration_ms', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The run's identity in its sweep's manifest: a redelivered result can never become a second row.
    .addPrimaryKeyConstraint('runs_pkey', ['sweep_id', 'run_index'])
    .addCheckConstraint(
      'runs_outcome_complete',
      sql`(status = 'succeeded' and final_equity is not null) or (status = 'failed' and error_message is not null)`,
    )
    .execute();
  await db.schema.createIndex('runs_sweep_sharpe').on('runs').columns(['sweep_id', 'sharpe desc']).execute();

  await db.schema
    .createTable('bars')
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('interval', 'text', (c) => c.notNull())
    .addColumn('ts', 'timestamptz', (c) => c.notNull())
    .addColumn('open', 'numeric', (c) => c.notNull())
    .addColumn('high', 'numeric', (c) => c.notNull())
    .addColumn('low', 'numeric', (c) => c.notNull())
    .addColumn('close', 'numeric', (c) => c.notNull())
    .addColumn('volume', 'numeric', (c) => c.notNull())
    .addPrimaryKeyConstraint('bars_pkey', ['symbol', 'interval', 'ts'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bars').execute();
  await db.schema.dropTable('runs').execute();
  await db.schema.dropTable('sweeps').execute();
}
