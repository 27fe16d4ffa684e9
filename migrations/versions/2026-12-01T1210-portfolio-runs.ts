import type { Kysely } from 'kysely';

// Kysely<any> on purpose: a migration is frozen in time and must not follow later changes of the typed schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('runs')
    // The universe a portfolio strategy's run traded (its symbols are in `symbol`, joined by ','); null otherwise.
    .addColumn('universe', 'text')
    // A portfolio run's per-symbol contribution: [{symbol, pnl, commission, fills, closedTrades, exposure, finalUnits}].
    .addColumn('symbol_summary', 'jsonb')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('symbol_summary').dropColumn('universe').execute();
}
