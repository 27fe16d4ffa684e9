/**
 * Span attribute names of Fleet's own concepts, in one place so traces from every app can be queried alike
 * (`fleet.sweep.id = …` finds the submit, every job and every batch of a sweep).
 */
export const FleetAttributes = {
  sweepId: 'fleet.sweep.id',
  jobId: 'fleet.job.id',
  strategy: 'fleet.strategy',
  symbol: 'fleet.symbol',
  runs: 'fleet.runs',
  bars: 'fleet.bars',
  cacheHit: 'fleet.cache.hit',
  batchEntries: 'fleet.batch.entries',
  batchOutcomes: 'fleet.batch.outcomes',
  rowsInserted: 'fleet.rows.inserted',
  rowsDuplicate: 'fleet.rows.duplicate',
} as const;
