import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * Stored rows against planned runs for sweeps that are queued, running, or finished within `recentMs`; the source of
 * the `fleet_sweep_*` gauges. Old finished sweeps are left out so the metric's label set stays small.
 */
export async function sweepCompleteness(
  db: Kysely<Database>,
  recentMs = 3_600_000,
): Promise<{ sweepId: string; stored: number; planned: number }[]> {
  const rows = await db
    .selectFrom('sweeps')
    .select(['id', 'total', sql<number>`succeeded + failed`.as('stored')])
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['queued', 'running']),
        eb('finished_at', '>', sql<Date>`now() - ${`${recentMs} milliseconds`}::interval`),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ sweepId: r.id, stored: Number(r.stored), planned: r.total }));
}
