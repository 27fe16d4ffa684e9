import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { migrationFolder } from '@fleet/migrations';
import { FileMigrationProvider, Migrator } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { upsertBars } from './bars.js';
import { createDatabase } from './create-database.js';
import { importBars } from './import-bars.js';
import { migrateToLatest } from './migrate-to-latest.js';
import { createDatabaseIfMissing, dropDatabase } from './provision-database.js';

const url = new URL(inject('databaseUrl'));
url.pathname = `${url.pathname}_m${randomBytes(3).toString('hex')}`;
const scratchUrl = url.toString();
const runDb = createDatabase({ url: inject('databaseUrl') });
afterAll(async () => {
  await runDb.destroy();
  await dropDatabase(scratchUrl);
});

const bars = Array.from({ length: 50 }, (_, i) => ({
  time: Date.UTC(2020, 0, 1, 9, 5 * i),
  open: '3578.73',
  high: `${3588 + i}.40`,
  low: '3578.1',
  close: '3580',
  volume: String(i),
}));

describe('migrateToLatest', () => {
  it('backfills the data version of bars stored before versions existed, equal to what an import computes', async () => {
    await createDatabaseIfMissing(scratchUrl);
    const db = createDatabase({ url: scratchUrl });
    try {
      const migrator = new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder }) });
      const { error } = await migrator.migrateTo('2026-11-23T2200-create-sweeps-runs-bars');
      expect(error).toBeUndefined();
      await upsertBars(db, 'OLD', '5m', bars);
      await migrateToLatest(db);
      const backfilled = await db.selectFrom('bar_series').selectAll().executeTakeFirstOrThrow();
      const imported = await importBars(runDb, { symbol: `M${randomBytes(3).toString('hex')}`, interval: '5m' }, [
        bars,
      ]);
      expect(backfilled).toMatchObject({ symbol: 'OLD', interval: '5m', bars: 50, version: imported.dataVersion });
    } finally {
      await db.destroy();
    }
  });
});
