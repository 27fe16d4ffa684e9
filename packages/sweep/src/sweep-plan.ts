import type { PlannedRun, RunJob, SweepSpec } from '@fleet/contracts';
import { type ParamValues, paramValues } from './param-values.js';

/** Thrown when a sweep cannot be planned (e.g. its run count is beyond what can be indexed). */
export class SweepPlanError extends Error {
  override readonly name = 'SweepPlanError';
  readonly code = 'SWEEP_TOO_LARGE';
}

/** The runs of one strategy on one symbol: a contiguous block of the sweep's run indexes. */
interface Segment {
  readonly strategy: string;
  readonly symbol: string;
  /** Index of the segment's first run in the sweep. */
  readonly firstRun: number;
  readonly runs: number;
  /** Index of the segment's first job in the sweep. */
  readonly firstJob: number;
  readonly jobs: number;
  readonly paramNames: readonly string[];
  readonly values: readonly ParamValues[];
}

/** One job of a plan: its deterministic index in the sweep and its payload. */
export interface PlannedJob {
  readonly jobIndex: number;
  readonly data: RunJob;
}

/**
 * The exact, deterministic layout of a sweep's runs and jobs, computed without materializing the grid: counting is
 * O(strategies × symbols) and jobs are streamed. Run indexes follow strategies in file order, then symbols in file
 * order, then parameter combinations with parameter names in sorted order (the last name varying fastest), so the
 * manifest can be re-enumerated from the stored spec alone.
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
    options: { runsPerJob: number },
  ) {
    this.runsPerJob = options.runsPerJob;
    const segments: Segment[] = [];
    let runs = 0;
    let jobs = 0;
    for (const strategy of spec.strategies) {
      const paramNames = Object.keys(strategy.params).sort();
      const values = paramNames.map((name) => paramValues(strategy.params[name] as never));
      const combos = values.reduce((n, v) => n * v.count, 1);
      for (const symbol of spec.symbols) {
        const segmentJobs = Math.ceil(combos / this.runsPerJob);
        segments.push({
          strategy: strategy.name,
          symbol,
          firstRun: runs,
          runs: combos,
          firstJob: jobs,
          jobs: segmentJobs,
          paramNames,
          values,
        });
        runs += combos;
        jobs += segmentJobs;
        if (!Number.isSafeInteger(runs))
          throw new SweepPlanError(`sweep has more than ${Number.MAX_SAFE_INTEGER} runs`);
      }
    }
    this.segments = segments;
    this.totalRuns = runs;
    this.totalJobs = jobs;
  }

  /** Streams the plan's jobs in index order, starting at `fromJob` (to resume an interrupted submit). */
  *jobs(fromJob = 0): Generator<PlannedJob> {
    for (const segment of this.segments) {
      if (fromJob >= segment.firstJob + segment.jobs) continue;
      for (let j = Math.max(0, fromJob - segment.firstJob); j < segment.jobs; j++) {
        const first = j * this.runsPerJob;
        const last = Math.min(first + this.runsPerJob, segment.runs);
        const runs: PlannedRun[] = [];
        for (let c = first; c < last; c++)
          runs.push({ index: segment.firstRun + c, params: this.paramsAt(segment, c) });
        yield { jobIndex: segment.firstJob + j, data: this.jobData(segment, runs) };
      }
    }
  }

  /** The planned run at a sweep-wide run index, for reconciling a manifest against stored rows. */
  runAt(runIndex: number): { strategy: string; symbol: string; run: PlannedRun } {
    const segment = this.segments.find((s) => runIndex >= s.firstRun && runIndex < s.firstRun + s.runs);
    if (!segment) throw new RangeError(`run index ${runIndex} is outside the sweep's ${this.totalRuns} runs`);
    const combo = runIndex - segment.firstRun;
    return {
      strategy: segment.strategy,
      symbol: segment.symbol,
      run: { index: runIndex, params: this.paramsAt(segment, combo) },
    };
  }

  /** The index of the job that carries a run, which with the sweep id names its BullMQ job ({@link runJobId}). */
  jobIndexOf(runIndex: number): number {
    const segment = this.segments.find((s) => runIndex >= s.firstRun && runIndex < s.firstRun + s.runs);
    if (!segment) throw new RangeError(`run index ${runIndex} is outside the sweep's ${this.totalRuns} runs`);
    return segment.firstJob + Math.floor((runIndex - segment.firstRun) / this.runsPerJob);
  }

  private paramsAt(segment: Segment, combo: number): Record<string, number> {
    const params: Record<string, number> = {};
    let rest = combo;
    for (let p = segment.paramNames.length - 1; p >= 0; p--) {
      const values = segment.values[p] as ParamValues;
      params[segment.paramNames[p] as string] = values.at(rest % values.count);
      rest = Math.floor(rest / values.count);
    }
    return params;
  }

  private jobData(segment: Segment, runs: PlannedRun[]): RunJob {
    const { cash, size, commission, slippageBps } = this.spec;
    return {
      sweepId: this.sweepId,
      strategy: segment.strategy,
      symbol: segment.symbol,
      interval: this.spec.interval,
      start: this.spec.start,
      end: this.spec.end,
      settings: { cash, size, commission, slippageBps },
      runs,
    };
  }
}
