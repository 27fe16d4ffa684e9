import { appendFile, mkdir } from 'node:fs/promises';

/** One row of the chaos report: what a scenario planned, stored and how long recovery took. */
export interface ChaosRow {
  scenario: string;
  planned: number;
  rows: number;
  duplicates: number;
  failed: number;
  status: string;
  recoveryMs?: number;
  peakWorkerRssMb?: number;
  peakAggregatorRssMb?: number;
  note?: string;
}

/** Appends a scenario's row to test-results/chaos-report.jsonl and prints it, so a run leaves a table behind. */
export async function report(row: ChaosRow): Promise<void> {
  await mkdir('test-results', { recursive: true });
  await appendFile('test-results/chaos-report.jsonl', `${JSON.stringify(row)}\n`);
  process.stdout.write(`chaos | ${Object.values(row).join(' | ')}\n`);
}
