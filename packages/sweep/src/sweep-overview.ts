import { type SweepProgress, SweepSpec } from '@fleet/contracts';
import { type Database, findSweep, type Kysely, recentRunCount, toSweepProgress } from '@fleet/db';
import { SweepNotFoundError } from './sweep-not-found-error.js';
import { sweepParamNames } from './sweep-param-names.js';

/** What a sweep's page shows above its results: progress, what was swept, throughput and time to go. */
export interface SweepOverview {
  progress: SweepProgress;
  spec: SweepSpec;
  runsPerJob: number;
  /** Every parameter name of every strategy, sorted: the leaderboard's columns and the heatmap's axes. */
  paramNames: string[];
  startedAt: string | null;
  /** Rows stored per second over the last minute, and since the first row. */
  throughput: { recentRunsPerSecond: number; overallRunsPerSecond: number };
  /** Seconds until every planned run is stored at the recent rate (the overall rate if nothing arrived lately). */
  etaSeconds: number | null;
}

const RECENT_MS = 60_000;

/**
 * The header of a sweep's page, read from the sweep row and one indexed count of the last minute's rows, so it costs
 * the same at 100 runs as at 100,000.
 *
 * @throws {@link SweepNotFoundError}
 */
export async function sweepOverview(db: Kysely<Database>, sweepId: string, now = Date.now()): Promise<SweepOverview> {
  const row = await findSweep(db, sweepId);
  if (!row) throw new SweepNotFoundError(sweepId);
  const progress = toSweepProgress(row);
  const spec = SweepSpec.parse(row.spec);
  const stored = progress.succeeded + progress.failed;
  const startedAt = row.started_at ? new Date(row.started_at) : null;
  const endAt = row.finished_at ? new Date(row.finished_at).getTime() : now;
  const overall = startedAt && stored > 0 ? stored / Math.max((endAt - startedAt.getTime()) / 1000, 1) : 0;
  const recent = row.finished_at ? 0 : (await recentRunCount(db, sweepId, RECENT_MS)) / (RECENT_MS / 1000);
  const remaining = progress.total - stored;
  const rate = recent > 0 ? recent : overall;
  return {
    progress,
    spec,
    runsPerJob: row.runs_per_job,
    paramNames: sweepParamNames(spec),
    startedAt: startedAt?.toISOString() ?? null,
    throughput: { recentRunsPerSecond: recent, overallRunsPerSecond: overall },
    etaSeconds: remaining === 0 ? 0 : rate > 0 ? remaining / rate : null,
  };
}
