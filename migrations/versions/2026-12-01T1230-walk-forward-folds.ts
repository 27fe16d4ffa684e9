import { type Kysely, sql } from 'kysely';

// Kysely<any> on purpose: a migration is frozen in time and must not follow later changes of the typed schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('runs')
    // The fold and window a validated sweep's run traded in; null without validation.
    .addColumn('fold', 'integer')
    .addColumn('window', 'text', (c) => c.check(sql`"window" in ('in_sample', 'out_of_sample')`))
    .execute();

  // One row per out-of-sample run of a validated sweep, planned at submit: its group's in-sample run range and how
  // many of them have landed, then the chosen in-sample run (written in the transaction that lands the group's last
  // in-sample run), then when its job was enqueued. The row is the manifest of a run whose parameters the spec
  // alone cannot give.
  await db.schema
    .createTable('fold_selections')
    .addColumn('sweep_id', 'uuid', (c) => c.notNull().references('sweeps.id').onDelete('cascade'))
    .addColumn('run_index', 'bigint', (c) => c.notNull())
    .addColumn('fold', 'integer', (c) => c.notNull())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('first_run', 'bigint', (c) => c.notNull())
    .addColumn('runs', 'bigint', (c) => c.notNull().check(sql`runs > 0`))
    .addColumn('landed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('select_metric', 'text', (c) => c.notNull())
    .addColumn('min_trades', 'integer', (c) => c.notNull())
    .addColumn('chosen_run', 'bigint')
    .addColumn('params', 'jsonb')
    .addColumn('settings', 'jsonb')
    .addColumn('in_sample_value', 'double precision')
    .addColumn('selected_at', 'timestamptz')
    .addColumn('enqueued_at', 'timestamptz')
    .addPrimaryKeyConstraint('fold_selections_pkey', ['sweep_id', 'run_index'])
    .execute();
  await db.schema
    .createIndex('fold_selections_pending')
    .on('fold_selections')
    .column('sweep_id')
    .where(sql.ref('enqueued_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fold_selections').execute();
  await db.schema.alterTable('runs').dropColumn('window').dropColumn('fold').execute();
}
