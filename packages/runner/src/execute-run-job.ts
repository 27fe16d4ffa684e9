import { createHash } from 'node:crypto';
import { type LedgerName, type RunJob, type RunOutcome, rangeEndMs, rangeStartMs, runSettings } from '@fleet/contracts';
import { type CachedResult, runResultOf, storedReturnStatistics } from '@fleet/db';
import { type BarSeries, ENGINE_VERSION } from '@fleet/engine';
import { describeError, type EvaluatedProvenance, evaluateRuns, failedOutcome, runIdentity } from './evaluate-runs.js';
import type { JobSeries } from './job-series.js';
import { runCacheKey } from './run-cache-key.js';

/** Bars with the data version they were read at; `null` when the series was never imported. */
export type VersionedSeries = BarSeries & { readonly dataVersion: string | null };

/** Loads the bars of a job's symbol over its date range (epoch ms, inclusive). */
export type SeriesLoader = (symbol: string, interval: string, from: number, to: number) => Promise<VersionedSeries>;
/** Evaluates a job's runs on its bars, one outcome per run in order (on engine threads in the worker). */
export type RunEvaluator = (job: RunJob, series: JobSeries, provenance: EvaluatedProvenance) => Promise<RunOutcome[]>;

/** The first and last millisecond a job's inclusive `start`..`end` range covers, in UTC. */
export function jobTimeRange(job: Pick<RunJob, 'start' | 'end'>): { from: number; to: number } {
  return { from: rangeStartMs(job.start), to: rangeEndMs(job.end) };
}

/** Evaluates on the calling thread: for tests and tools; the worker uses its engine threads instead. */
export const evaluateInline: RunEvaluator = async (job, series, provenance) => {
  const outcomes: RunOutcome[] = [];
  evaluateRuns(job, series, provenance, (o) => outcomes.push(o));
  return outcomes;
};

/**
 * Produces one outcome per planned run of a job. Problems that belong to the runs — bad parameters, an unknown
 * strategy, missing or invalid bars, a run that times out — become failed outcomes with their reason; only
 * infrastructure faults (database, Redis, a crashed engine thread) throw, so the queue retries the job. A run whose
 * cache key (settings, data version, engine and plugin code included) matches a stored result reuses it. Every outcome
 * records the engine version and `codeVersion`, and, once bars are loaded, their data version, so any result can be
 * reproduced.
 */
export async function executeRunJob(
  job: RunJob,
  loadSeries: SeriesLoader,
  evaluate: RunEvaluator,
  codeVersion: string,
  findCached: CachedResultLookup = async () => new Map(),
  strategyDigests: Readonly<Record<string, string>> = {},
): Promise<RunOutcome[]> {
  const { from, to } = jobTimeRange(job);
  if (job.universe) {
    return executeUniverseJob(job, job.universe, loadSeries, evaluate, codeVersion, findCached, strategyDigests);
  }
  const series = await loadSeries(job.symbol, job.interval, from, to);
  const { dataVersion } = series;
  if (dataVersion === null) {
    const error = {
      name: 'InvalidDataError',
      code: 'NO_BARS',
      message: `no ${job.interval} bars imported for ${job.symbol}`,
    };
    return job.runs.map((run) => failedOutcome(job, run, { engineVersion: ENGINE_VERSION, codeVersion }, error));
  }
  const provenance: EvaluatedProvenance = { engineVersion: ENGINE_VERSION, codeVersion, dataVersion };
  if (job.dataVersion !== undefined && job.dataVersion !== dataVersion) {
    const error = {
      name: 'InvalidDataError',
      code: 'DATA_VERSION_CHANGED',
      message: `${job.symbol} ${job.interval} bars changed since the sweep was submitted (version ${job.dataVersion} → ${dataVersion}); submit the sweep again to run on the new data`,
    };
    return job.runs.map((run) => failedOutcome(job, run, provenance, error));
  }
  if (series.length === 0) {
    const error = {
      name: 'InvalidDataError',
      code: 'NO_BARS',
      message: `no ${job.interval} bars for ${job.symbol} between ${job.start} and ${job.end}`,
    };
    return job.runs.map((run) => failedOutcome(job, run, provenance, error));
  }
  return evaluateMisses(job, series, provenance, evaluate, findCached, strategyDigests);
}

/** The runs of a job on loaded bars: stored results reused by cache key, the rest evaluated. */
async function evaluateMisses(
  job: RunJob,
  series: JobSeries,
  provenance: EvaluatedProvenance,
  evaluate: RunEvaluator,
  findCached: CachedResultLookup,
  strategyDigests: Readonly<Record<string, string>>,
): Promise<RunOutcome[]> {
  const { dataVersion } = provenance;
  // A bundle's hash is the sha256 of its code, as a plugin's digest is of its module's: either names the strategy's code.
  const strategyDigest = job.strategyBundle ?? strategyDigests[job.strategy] ?? null;
  const code = { engineVersion: ENGINE_VERSION, strategyDigest };
  const keys = job.runs.map((run) => runCacheKey(job, run.params, runSettings(job, run), dataVersion, code));
  const hits = job.cache === false ? new Map<string, CachedResult>() : await findCached(keys);
  const misses = job.runs.filter((_, i) => !hits.has(keys[i] as string));
  const computed: RunOutcome[] = [];
  // Runs of one swept-settings value go to the engine together, with that value resolved into the job's settings.
  for (let first = 0; first < misses.length; ) {
    const swept = JSON.stringify(misses[first]?.settings ?? {});
    let end = first + 1;
    while (end < misses.length && JSON.stringify(misses[end]?.settings ?? {}) === swept) end++;
    const runs = misses.slice(first, end);
    const settings = runSettings(job, runs[0] as RunJob['runs'][number]);
    computed.push(...(await evaluate({ ...job, settings, runs }, series, provenance)));
    first = end;
  }
  const byIndex = new Map(computed.map((o) => [o.runIndex, o]));
  return job.runs.map((run, i): RunOutcome => {
    const cacheKey = keys[i] as string;
    const hit = hits.get(cacheKey);
    if (hit) return cachedOutcome(job, run, provenance, cacheKey, hit);
    const outcome = byIndex.get(run.index) as RunOutcome;
    return outcome.status === 'succeeded' ? { ...outcome, cacheKey } : outcome;
  });
}

/**
 * A portfolio strategy's job: every symbol of its universe loaded through the same loader (the worker's bar cache),
 * each checked as a single symbol's bars are, and the runs evaluated over all of them. Its data version is a hash of
 * each symbol's, so the cache key covers the universe's symbols and every one of their data versions.
 */
async function executeUniverseJob(
  job: RunJob,
  universe: NonNullable<RunJob['universe']>,
  loadSeries: SeriesLoader,
  evaluate: RunEvaluator,
  codeVersion: string,
  findCached: CachedResultLookup,
  strategyDigests: Readonly<Record<string, string>>,
): Promise<RunOutcome[]> {
  const { from, to } = jobTimeRange(job);
  const loaded = await Promise.all(universe.symbols.map((symbol) => loadSeries(symbol, job.interval, from, to)));
  const code = { engineVersion: ENGINE_VERSION, codeVersion };
  const failAll = (provenance: RunProvenanceOf, error: { name: string; code: string; message: string }) =>
    job.runs.map((run) => failedOutcome(job, run, provenance, error));
  const unimported = universe.symbols.filter((_, i) => loaded[i]?.dataVersion === null);
  if (unimported.length > 0) {
    return failAll(code, {
      name: 'InvalidDataError',
      code: 'NO_BARS',
      message: `no ${job.interval} bars imported for ${unimported.join(', ')} (universe ${universe.name})`,
    });
  }
  const versions = loaded.map((series) => series.dataVersion as string);
  const dataVersion = createHash('sha256')
    .update(JSON.stringify(universe.symbols.map((symbol, i) => [symbol, versions[i]])))
    .digest('hex')
    .slice(0, 16);
  const provenance: EvaluatedProvenance = { ...code, dataVersion };
  const changed = universe.symbols.filter((symbol, i) => {
    const pinned = universe.dataVersions?.[symbol];
    return pinned !== undefined && pinned !== versions[i];
  });
  if (changed.length > 0) {
    return failAll(provenance, {
      name: 'InvalidDataError',
      code: 'DATA_VERSION_CHANGED',
      message: `${changed.join(', ')} ${job.interval} bars changed since the sweep was submitted; submit the sweep again to run on the new data`,
    });
  }
  const empty = universe.symbols.filter((_, i) => loaded[i]?.length === 0);
  if (empty.length > 0) {
    return failAll(provenance, {
      name: 'InvalidDataError',
      code: 'NO_BARS',
      message: `no ${job.interval} bars for ${empty.join(', ')} between ${job.start} and ${job.end} (universe ${universe.name})`,
    });
  }
  return evaluateMisses(job, loaded as readonly BarSeries[], provenance, evaluate, findCached, strategyDigests);
}

type RunProvenanceOf = Parameters<typeof failedOutcome>[2];

/** The ledger totals and statistics of a succeeded outcome. */
type SucceededResult = Pick<Extract<RunOutcome, { status: 'succeeded' }>, LedgerName | 'metrics'>;

/** Looks up stored results by cache key (the worker asks Postgres). */
export type CachedResultLookup = (keys: readonly string[]) => Promise<Map<string, CachedResult>>;

function cachedOutcome(
  job: RunJob,
  run: RunJob['runs'][number],
  provenance: EvaluatedProvenance,
  cacheKey: string,
  hit: CachedResult,
): RunOutcome {
  return {
    ...runIdentity(job, run, provenance, 0),
    cacheKey,
    cached: true,
    status: 'succeeded',
    // A succeeded row holds every ledger total: the outcome schema required them when it was stored.
    ...(runResultOf(hit) as SucceededResult),
    ...(hit.symbol_summary ? { symbolSummary: hit.symbol_summary } : {}),
    ...(storedReturnStatistics(hit) ? { returnStatistics: storedReturnStatistics(hit) } : {}),
  };
}

/**
 * The failed outcomes recorded when a whole job fails for good (attempts exhausted), one per planned run; they name
 * no data version, since which bars the job saw is not known here.
 */
export function jobFailureOutcomes(job: RunJob, error: unknown, codeVersion: string): RunOutcome[] {
  return job.runs.map((run) =>
    failedOutcome(job, run, { engineVersion: ENGINE_VERSION, codeVersion }, describeError(error)),
  );
}
