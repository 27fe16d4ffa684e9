import { randomUUID } from 'node:crypto';
import { QueueNames, type SweepSpec, shortBundleHash } from '@fleet/contracts';
import { listBarSeries, loadBars } from '@fleet/db';
import { listStrategies, parseStrategyParams } from '@fleet/engine';
import {
  findCombinationProblems,
  findSweepProblems,
  markPortfolioStrategies,
  readSweepFile,
  SweepFileError,
  SweepPlan,
  SweepTooLargeError,
} from '@fleet/planning';
import { countQueueWorkers } from '@fleet/queue';
import { calibrateSweep, runsPerJobFor } from '@fleet/runner';
import { prepareStrategyFiles, submitSweep, watchSweep } from '@fleet/sweep';
import type { CliContext } from '../cli-context.js';
import { isInteractive } from '../env.js';
import { printResult } from '../print-result.js';
import { ProgressReporter } from '../progress-reporter.js';

/** Options of `fleet sweep submit`. */
export interface SubmitOptions {
  id?: string;
  wait?: boolean;
  json?: boolean;
  runsPerJob?: number;
  maxRuns: number;
  runTimeout?: number;
  dryRun?: boolean;
  /** Commander's negation of `--no-cache`. @defaultValue true */
  cache?: boolean;
}

/** Default per-run timeout: far above a normal run, so only a run that is truly stuck is stopped. */
function defaultRunTimeoutMs(msPerRun: number): number {
  return Math.max(10_000, Math.ceil(50 * msPerRun));
}

/**
 * `fleet sweep submit FILE`: validates everything before writing anything (schema, strategies, parameters, symbols,
 * dates, size), calibrates job size on this machine, records the manifest, enqueues, and with `--wait` follows the
 * sweep to the end. `--dry-run` stops after the estimate and writes nothing.
 */
export async function submit(ctx: CliContext, file: string, options: SubmitOptions): Promise<void> {
  const startedAt = Date.now();
  // Strategy files are bundled and loaded (on a thread) first: what they define is what the sweep is checked against.
  const files = await prepareStrategyFiles(markPortfolioStrategies(await readSweepFile(file), listStrategies()), file, {
    bundleDir: ctx.env.FLEET_BUNDLE_DIR,
  });
  const fileSpec = files.spec;
  const fromFiles = new Set(files.strategies.map((s) => s.name));
  // Problems name a file's strategy as its file does, not by the `name@hash` key engine threads register it under.
  const named = (problems: readonly string[]) => problems.map((p) => p.replace(/@[0-9a-f]{64}/g, ''));
  const parseParams = (strategy: string, params: Record<string, number>) =>
    fromFiles.has(strategy) ? params : parseStrategyParams(strategy, params);
  const stored = await listBarSeries(ctx.db);
  const problems = findSweepProblems(files.keyed, {
    strategies: [...listStrategies(), ...files.strategies],
    series: stored.map((s) => ({ ...s, from: new Date(s.from), to: new Date(s.to) })),
    parseParams,
  });
  if (problems.length > 0) throw new SweepFileError(file, named(problems));
  // Counted before any combination is looked at, so a sweep over the limit is refused at once whatever its size.
  const counted = countSweep(file, fileSpec, options.maxRuns);
  const notes: string[] = [];
  const invalid = findCombinationProblems(files.keyed, { parseParams }, { onNote: (n) => notes.push(n) });
  if (invalid.length > 0) throw new SweepFileError(file, invalid);
  if (!options.json) for (const note of notes) process.stderr.write(`note: ${note}\n`);
  const calibration = await calibrateSweep(
    files.keyed,
    counted.spaces,
    (symbol, interval, from, to) => loadBars(ctx.db, symbol, interval, from, to),
    {
      strategyModules: ctx.env.FLEET_STRATEGY_MODULES,
      bundles: files.bundles.map((b) => ({ hash: b.hash, code: b.bundle })),
      bundleDir: ctx.env.FLEET_BUNDLE_DIR,
    },
  );
  // A file's combinations are checked against its own schema on the calibration thread, within its deadline.
  if (calibration.fileProblems === undefined)
    throw new SweepFileError(file, [
      "strategy files: their parameter combinations could not be checked within the calibration thread's deadline",
    ]);
  if (calibration.fileProblems.length > 0) throw new SweepFileError(file, named(calibration.fileProblems));
  // The timeout is written into the stored spec, so reconciled and retried runs get the same one.
  const spec = {
    ...fileSpec,
    runTimeoutMs: options.runTimeout ?? fileSpec.runTimeoutMs ?? defaultRunTimeoutMs(calibration.msPerRun),
    ...(options.cache === false ? { cache: false } : {}),
    // The sweep is pinned to the data it was submitted against, so its runs never mix two versions of a series.
    dataVersions: Object.fromEntries(
      stored
        .filter((s) => s.interval === fileSpec.interval && tradedSymbols(fileSpec).has(s.symbol))
        .map((s) => [s.symbol, s.dataVersion]),
    ),
  };
  const plan = counted.withRunsPerJob(
    options.runsPerJob ?? runsPerJobFor(calibration.msPerRun, counted.totalRuns),
    spec,
  );
  const workers = await countQueueWorkers(ctx.redisFor(plan.sweepId), ctx.env.FLEET_QUEUE_PREFIX, QueueNames.runs);
  const cpuSeconds = (plan.totalRuns * calibration.msPerRun) / 1000;
  const estimate = {
    runs: plan.totalRuns,
    jobs: plan.totalJobs,
    runsPerJob: plan.runsPerJob,
    msPerRun: Number(calibration.msPerRun.toFixed(3)),
    cpuSeconds: Number(cpuSeconds.toFixed(1)),
    workers,
    etaSeconds: Number((cpuSeconds / Math.max(1, workers)).toFixed(1)),
  };
  if (options.dryRun) {
    printResult(options.json === true, { dryRun: true, ...estimate }, () =>
      [
        `${spec.name}: ${estimate.runs} runs in ${estimate.jobs} jobs of up to ${estimate.runsPerJob} runs`,
        `about ${estimate.msPerRun} ms per run here: ${estimate.cpuSeconds} CPU seconds, ETA ~${estimate.etaSeconds} s with ${Math.max(1, workers)} worker(s)${workers ? '' : ' (none connected now)'}`,
        'dry run: nothing was written or enqueued',
      ].join('\n'),
    );
    return;
  }

  const interactive = isInteractive() && !options.json;
  const enqueueing = new ProgressReporter('enqueue', 'jobs', interactive);
  const submitted = await submitSweep({
    db: ctx.db,
    queue: (sweepId) => ctx.queueFor(sweepId),
    spec,
    plan,
    bundles: files.bundles,
    ...(options.id ? { idempotencyKey: options.id } : {}),
    onProgress: (done, total) => enqueueing.update({ done, total }),
  });
  enqueueing.stop();
  if (!options.json) {
    process.stderr.write(
      `sweep ${submitted.sweepId} '${spec.name}': ${submitted.total} runs in ${submitted.jobs} jobs, ETA ~${estimate.etaSeconds} s` +
        `${submitted.created ? '' : ` (resumed; ${submitted.enqueuedNow} jobs enqueued now)`}\n`,
    );
  }

  let final: Awaited<ReturnType<typeof watchSweep>> | undefined;
  if (options.wait) {
    const running = new ProgressReporter('runs', 'runs', interactive);
    final = await watchSweep(ctx.db, submitted.sweepId, (p) =>
      running.update({ done: p.succeeded + p.failed, total: p.total, failed: p.failed }),
    );
    running.stop();
  }
  const elapsedMs = Date.now() - startedAt;
  const runsPerSecond = final
    ? Math.round(((final.succeeded + final.failed) / Math.max(elapsedMs, 1)) * 1000)
    : undefined;
  const waited = final
    ? {
        status: final.status,
        succeeded: final.succeeded,
        failed: final.failed,
        cached: final.cached,
        elapsedMs,
        runsPerSecond,
      }
    : {};
  const strategyFiles = files.bundles.map((b) => ({ file: b.fileName, bundle: b.hash }));
  if (!options.json)
    for (const f of strategyFiles) process.stderr.write(`strategy file ${f.file}@${shortBundleHash(f.bundle)}\n`);
  printResult(options.json === true, { ...submitted, runsPerJob: plan.runsPerJob, strategyFiles, ...waited }, () =>
    final
      ? `sweep ${submitted.sweepId} ${final.status}: ${final.succeeded} succeeded (${final.cached} from the result cache), ${final.failed} failed of ${final.total} in ${(elapsedMs / 1000).toFixed(1)} s (${runsPerSecond} runs/s)`
      : `sweep ${submitted.sweepId} submitted; follow it with: fleet sweep watch ${submitted.sweepId}`,
  );
}

/** Every symbol a sweep's runs read: its symbols and every universe's. */
function tradedSymbols(spec: SweepSpec): Set<string> {
  return new Set([...spec.symbols, ...Object.values(spec.universes ?? {}).flat()]);
}

/** Counts the sweep before anything is enumerated, naming the file and the flag in a refusal. */
function countSweep(file: string, spec: SweepSpec, maxRuns: number): SweepPlan {
  try {
    return SweepPlan.count(spec, randomUUID(), { maxRuns });
  } catch (error) {
    if ((error as Error).name === 'SweepTooLargeError') {
      throw new SweepTooLargeError(`${file}: ${(error as Error).message} (raise it with --max-runs)`);
    }
    if ((error as Error).name === 'EmptySweepError' || (error as Error).name === 'SweepPlanError') {
      throw new SweepFileError(file, [(error as Error).message]);
    }
    throw error;
  }
}
