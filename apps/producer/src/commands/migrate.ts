import { postgresSslOptions } from '@fleet/config';
import { createDatabaseIfMissing, migrateToLatest } from '@fleet/db';
import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';

/** `fleet db migrate`: creates the database if needed and applies pending migrations; idempotent. */
export async function migrate(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const created = await createDatabaseIfMissing(ctx.env.DATABASE_URL, postgresSslOptions(ctx.env));
  const applied = await migrateToLatest(ctx.db);
  printResult(options.json === true, { databaseCreated: created, applied }, () =>
    [
      created ? `created database ${new URL(ctx.env.DATABASE_URL).pathname.slice(1)}` : undefined,
      applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'schema is up to date',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
