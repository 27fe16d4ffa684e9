import { MetricNames, MetricTable } from '@fleet/contracts';
import { RunColumns } from './run-columns.js';
import type { RunsTable } from './schema.js';

/**
 * Every number of a stored run a query can sort, filter or chart by, mapped to its column: the run index, every
 * metric of the {@link MetricTable}, and the run's duration. Parameters are addressed by name next to these.
 */
export const RunFields: ReadonlyMap<string, keyof RunsTable> = new Map<string, keyof RunsTable>([
  ['runIndex', RunColumns.runIndex],
  ...MetricNames.map((n) => [n, MetricTable[n].column] as const),
  ['durationMs', RunColumns.durationMs],
]);
