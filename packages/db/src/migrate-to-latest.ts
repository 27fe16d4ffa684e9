import { promises as fs } from 'node:fs';
import path from 'node:path';
import { migrationFolder } from '@fleet/migrations';
import { FileMigrationProvider, type Kysely, type MigrationResult, Migrator } from 'kysely';

/** Thrown when a migration fails; names the migration, and the database keeps every migration that ran before it. */
class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly code = 'MIGRATION_FAILED';
  constructor(
    message: string,
    readonly results: readonly MigrationResult[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Applies every pending migration in name order; Kysely records what ran in `kysely_migration` and holds a lock,
 * so running it twice, or from two processes at once, is safe.
 *
 * @returns the migrations applied by this call (empty when the schema was already current)
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema, on any Kysely instance.
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder }) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${String((error as Error).message ?? error)}`, results, {
      cause: error,
    });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
