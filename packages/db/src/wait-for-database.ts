import type { Kysely } from 'kysely';
import { pingDatabase } from './ping-database.js';

/**
 * Resolves once Postgres answers, pinging every `intervalMs` and calling `onUnreachable` with each failure, so a
 * service started during an outage says so and keeps trying instead of announcing itself ready.
 * @defaultValue intervalMs 2000
 * @example
 * await waitForDatabase(db, (err, attempt) => log.warn({ attempt }, `Postgres unreachable: ${err.message}; retrying`));
 */
export async function waitForDatabase<DB>(
  db: Kysely<DB>,
  onUnreachable: (error: Error, attempt: number) => void,
  intervalMs = 2_000,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await pingDatabase(db);
      return;
    } catch (error) {
      onUnreachable(error as Error, attempt);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
