import type { BacktestSettings, PlannedRun, RunJob, SweepSpec } from '@fleet/contracts';
import { CombinationSpace } from './combination-space.js';
import { SweepPlanError } from './sweep-plan-error.js';

/** The runs of one strategy on one symbol: a contiguous block of the sweep's run indexes. */
interface Segment {
  readonly strategy: string;
  readonly symbol: string;
  readonly settings: BacktestSettings;
  readonly space: CombinationSpace;
  /** Index of the segment's first run in the sweep. */
  readonly firstRun: number;
  /** Index of the segment's first job in the sweep. */
  readonly firstJob: number;
  readonly jobs: number;
}

/** One job of a plan: its deterministic index in the sweep and its payload. */
export interface PlannedJob {
  readonly jobIndex: number;
  readonly data: RunJob;
}

/** The settings one strategy's runs use: the sweep's, overridden by any the strategy sets. */
export function strategySettings(spec: SweepSpec, strategyIndex: number): BacktestSettings {
  const s = spec.strategies[strategyIndex];
  return {
    cash: s?.cash ?? spec.cash,
    size: s?.size ?? spec.size,
    commission: s?.commission ?? spec.commission,
    slippageBps: s?.slippageBps ?? spec.slippageBps,
  };
}

/**
 * The exact, deterministic layout of a sweep's runs and jobs. Run indexes follow strategies in file order, then
 * symbols in file order, then each strategy's {@link CombinationSpace} order, so the manifest can be re-enumerated
 * from the stored spec alone. Counting never materializes the grid and jobs are streamed; a job never spans two
 * (strategy, symbol) segments, so a worker loads one series per job.
 *
 * @example
 * const plan = new SweepPlan(spec, sweepId, { runsPerJob: 25 });
 * console.log(plan.totalRuns, plan.totalJobs);
 * for (const job of plan.jobs()) await queue.add(job.data);
 */
export class SweepPlan {
  readonly totalRuns: number;
  readonly totalJobs: number;
  readonly runsPerJob: number;
  private readonly segments: readonly Segment[];

  constructor(
    private readonly spec: SweepSpec,
    readonly sweepId: string,
    options: { runsPerJob: number; spaces?: readonly CombinationSpace[] },
  ) {
    this.runsPerJob = options.runsPerJob;
    const segments: Segment[] = [];
    let runs = 0;
    let jobs = 0;
    spec.strategies.forEach((strategy, i) => {
      const space = options.spaces?.[i] ?? new CombinationSpace(strategy, `strategies[${i}]`);
      const settings = strategySettings(spec, i);
      for (const symbol of spec.symbols) {
        const segmentJobs = Math.ceil(space.count / this.runsPerJob);
        segments.push({
          strategy: strategy.name,
          symbol,
          settings,
          space,
          firstRun: runs,
          firstJob: jobs,
          jobs: segmentJobs,
        });
        runs += space.count;
        jobs += segmentJobs;
        if (!Number.isSafeInteger(runs))
          throw new SweepPlanError(`sweep has more than ${Number.MAX_SAFE_INTEGER} runs`);
      }
    });
    this.segments = segments;
    this.totalRuns = runs;
    this.totalJobs = jobs;
  }

  /**
   * The same plan cut into jobs of another size, reusing the counted combination spaces (counting can be costly).
   * `spec` may differ from this plan's only in what does not change the runs (e.g. `runTimeoutMs`).
   */
  withRunsPerJob(runsPerJob: number, spec: SweepSpec = this.spec): SweepPlan {
    return new SweepPlan(spec, this.sweepId, { runsPerJob, spaces: this.spaces });
  }

  /** Each strategy's counted combination space, in file order (one per strategy, shared by all its symbols). */
  get spaces(): readonly CombinationSpace[] {
    return this.spec.strategies.map((_, i) => (this.segments[i * this.spec.symbols.length] as Segment).space);
  }

  /** Streams the plan's jobs in index order, starting at `fromJob` (to resume an interrupted submit). */
  *jobs(fromJob = 0): Generator<PlannedJob> {
    for (const segment of this.segments) {
      if (fromJob >= segment.firstJob + segment.jobs) continue;
      const firstJob = Math.max(0, fromJob - segment.firstJob);
      let position = firstJob * this.runsPerJob;
      let runs: PlannedRun[] = [];
      let jobIndex = segment.firstJob + firstJob;
      for (const params of segment.space.combinations(position)) {
        runs.push({ index: segment.firstRun + position++, params });
        if (runs.length === this.runsPerJob) {
          yield { jobIndex: jobIndex++, data: this.jobData(segment, runs) };
          runs = [];
        }
      }
      if (runs.length > 0) yield { jobIndex, data: this.jobData(segment, runs) };
    }
  }

  /** The index of the job that carries a run, which with the sweep id names its BullMQ job (`runJobId`). */
  jobIndexOf(runIndex: number): number {
    const segment = this.segmentOf(runIndex);
    return segment.firstJob + Math.floor((runIndex - segment.firstRun) / this.runsPerJob);
  }

  /** The settings a run was executed with (the sweep's, overridden by its strategy's), to replay it exactly. */
  settingsOf(runIndex: number): BacktestSettings {
    return this.segmentOf(runIndex).settings;
  }

  /** What the plan runs at `runIndex`, or `undefined` when the index is not one of its runs. */
  runAt(runIndex: number): { strategy: string; symbol: string; params: Record<string, number> } | undefined {
    const segment = this.segments.find((s) => runIndex >= s.firstRun && runIndex < s.firstRun + s.space.count);
    const params = segment?.space.at(runIndex - segment.firstRun);
    return segment && params && { strategy: segment.strategy, symbol: segment.symbol, params };
  }

  private segmentOf(runIndex: number): Segment {
    const segment = this.segments.find((s) => runIndex >= s.firstRun && runIndex < s.firstRun + s.space.count);
    if (!segment) throw new RangeError(`run index ${runIndex} is outside the sweep's ${this.totalRuns} runs`);
    return segment;
  }

  /** The jobs that would carry the given run indexes, for re-running a subset (reconcile, retry) with the same grouping. */
  *jobsForRuns(runIndexes: ReadonlySet<number>): Generator<RunJob> {
    for (const segment of this.segments) {
      let runs: PlannedRun[] = [];
      let position = 0;
      const last = segment.firstRun + segment.space.count;
      if (![...runIndexes].some((i) => i >= segment.firstRun && i < last)) continue;
      for (const params of segment.space.combinations()) {
        const index = segment.firstRun + position++;
        if (!runIndexes.has(index)) continue;
        runs.push({ index, params });
        if (runs.length === this.runsPerJob) {
          yield this.jobData(segment, runs);
          runs = [];
        }
      }
      if (runs.length > 0) yield this.jobData(segment, runs);
    }
  }

  private jobData(segment: Segment, runs: PlannedRun[]): RunJob {
    return {
      sweepId: this.sweepId,
      strategy: segment.strategy,
      symbol: segment.symbol,
      interval: this.spec.interval,
      start: this.spec.start,
      end: this.spec.end,
      settings: segment.settings,
      ...(this.spec.runTimeoutMs ? { runTimeoutMs: this.spec.runTimeoutMs } : {}),
      ...(this.spec.cache === false ? { cache: false } : {}),
      ...(this.spec.dataVersions?.[segment.symbol] ? { dataVersion: this.spec.dataVersions[segment.symbol] } : {}),
      runs,
    };
  }
}
