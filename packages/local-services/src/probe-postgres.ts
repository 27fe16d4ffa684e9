import pg from 'pg';
import type { ServiceProbe } from './service-probe.js';

/** Postgres' "database does not exist": the server answers, and `fleet db migrate` creates the database. */
const undefinedDatabase = '3D000';

/** Connects once to the Postgres at `url` and runs `SELECT 1`, so the demo knows in seconds whether it can use it. */
export async function probePostgres(url: string): Promise<ServiceProbe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { answers: true };
  } catch (error) {
    if ((error as { code?: string }).code === undefinedDatabase) return { answers: true };
    return { answers: false, reason: (error as Error).message || String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
