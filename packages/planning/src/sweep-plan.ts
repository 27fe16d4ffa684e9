import {
  type BacktestSettings,
  type PlannedRun,
  type RunJob,
  type RunWindow,
  resolveSettings,
  type SweepSpec,
  splitSettings,
  strategySettingDomains,
} from '@fleet/contracts';
import { CombinationSpace } from './combination-space.js';
import { EmptySweepError } from './empty-sweep-error.js';
import { ParamGrid } from './param-grid.js';
import { type Fold, foldsOf } from './sweep-folds.js';
import { SweepPlanError } from './sweep-plan-error.js';
import { SweepTooLargeError } from './sweep-too-large-error.js';

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
  /** The in-sample window its runs trade in, for a validated sweep. */
  readonly window?: TradingWindow;
}

/** Where a validated sweep's run trades: its fold and window, and the window's last day (warm-up starts at the sweep's start). */
interface TradingWindow extends RunWindow {
  readonly end: string;
}

/**
 * The out-of-sample run of one (fold, strategy, symbol) group of a validated sweep: its run index is planned from the
 * spec, its parameters only once the group's in-sample runs (`inSample.firstRun` to `firstRun + runs − 1`) have
 * all landed and the best of them was chosen.
 */
export interface OutOfSampleSlot {
  readonly runIndex: number;
  readonly fold: number;
  /** The group's position in the fold, in segment order (strategies in file order, then symbols). */
  readonly group: number;
  readonly strategy: string;
  readonly symbol: string;
  readonly inSample: { readonly firstRun: number; readonly runs: number };
}

function plannedRun(segment: Segment, index: number, combination: Record<string, number>): PlannedRun {
  if (segment.space.settingNames.length === 0) return { index, params: combination };
  const { params, settings } = segment.space.split(combination);
  return { index, params, settings };
}

/** One job of a plan: its deterministic index in the sweep and its payload. */
export interface PlannedJob {
  readonly jobIndex: number;
  readonly data: RunJob;
}

/**
 * The settings every run of one strategy shares: the sweep's, overridden by any the strategy sets, with defaults
 * added. A swept setting is not among them; each run adds its own value ({@link runSettings}).
 */
export function strategySettings(spec: SweepSpec, strategyIndex: number): BacktestSettings {
  return resolveSettings(splitSettings(strategySettingDomains(spec, strategyIndex)).fixed);
}

/** The settings one strategy sweeps, each with its list or range. */
function strategyAxes(spec: SweepSpec, strategyIndex: number) {
  return splitSettings(strategySettingDomains(spec, strategyIndex)).axes;
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
  /** A validated sweep's folds, in order (none without `validation`). */
  readonly folds: readonly Fold[];
  private readonly segments: readonly Segment[];
  private readonly slots: readonly (OutOfSampleSlot & { readonly settings: BacktestSettings })[];

  constructor(
    private readonly spec: SweepSpec,
    readonly sweepId: string,
    options: { runsPerJob: number; spaces?: readonly CombinationSpace[] },
  ) {
    this.runsPerJob = options.runsPerJob;
    this.folds = foldsOf(spec);
    const spaces = spec.strategies.map(
      (strategy, i) => options.spaces?.[i] ?? new CombinationSpace(strategy, `strategies[${i}]`, strategyAxes(spec, i)),
    );
    const segments: Segment[] = [];
    let runs = 0;
    let jobs = 0;
    // Without validation one pass over the whole range; with it, one in-sample pass per fold, fold after fold.
    const windows: (TradingWindow | undefined)[] =
      this.folds.length === 0
        ? [undefined]
        : this.folds.map((f) => ({ fold: f.index, sample: 'in_sample', from: f.inSample.start, end: f.inSample.end }));
    for (const window of windows) {
      spec.strategies.forEach((strategy, i) => {
        const space = spaces[i] as CombinationSpace;
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
            ...(window ? { window } : {}),
          });
          runs += space.count;
          jobs += segmentJobs;
          if (!Number.isSafeInteger(runs))
            throw new SweepPlanError(`sweep has more than ${Number.MAX_SAFE_INTEGER} runs`);
        }
      });
    }
    // Each (fold, strategy, symbol) group gets one out-of-sample run after every in-sample run.
    const groups = spec.strategies.length * spec.symbols.length;
    const slots = segments.map((segment, i) => ({
      runIndex: runs + i,
      fold: segment.window?.fold ?? 0,
      group: i % groups,
      strategy: segment.strategy,
      symbol: segment.symbol,
      settings: segment.settings,
      inSample: { firstRun: segment.firstRun, runs: segment.space.count },
    }));
    this.slots = this.folds.length === 0 ? [] : slots;
    this.segments = segments;
    this.totalRuns = runs + this.slots.length;
    this.totalJobs = jobs;
  }

  /**
   * Counts a sweep about to be submitted and refuses it before enumerating anything it need not: every strategy's raw
   * grid size is a product, so a sweep over `maxRuns` without constraints is refused at once with its exact count; a
   * constrained grid is counted only within what the limit leaves, stopping as soon as it passes it. A strategy whose
   * `where` prunes every combination is refused too, as a sweep that would run nothing.
   *
   * @throws {@link SweepTooLargeError} over `maxRuns`, {@link EmptySweepError} for a strategy with no combination,
   * {@link SweepPlanError} for a constrained or sampled grid too large to enumerate
   * @example
   * const plan = SweepPlan.count(spec, randomUUID(), { maxRuns: 1_000_000 });
   */
  static count(spec: SweepSpec, sweepId: string, options: { maxRuns: number }): SweepPlan {
    const { maxRuns } = options;
    // A validated sweep runs every combination once per fold, plus one out-of-sample run per group and fold.
    const folds = Math.max(1, foldsOf(spec).length);
    const symbols = spec.symbols.length * folds;
    const grids = spec.strategies.map((strategy, i) => new ParamGrid(strategy, strategyAxes(spec, i)));
    // Exact without enumeration: unconstrained grids, and unconstrained samples (as many as asked, if the grid has them).
    const exactRuns = (i: number): number | undefined => {
      const strategy = spec.strategies[i] as SweepSpec['strategies'][number];
      const grid = grids[i] as ParamGrid;
      if (grid.constraints.length > 0) return undefined;
      const count =
        strategy.search.type === 'random' ? Math.min(strategy.search.samples, grid.rawCount) : grid.rawCount;
      return count * symbols;
    };
    const known = spec.strategies.reduce((sum, _, i) => sum + (exactRuns(i) ?? 0), 0);
    const allExact = spec.strategies.every((_, i) => exactRuns(i) !== undefined);
    const over = (runs: string) =>
      new SweepTooLargeError(`the sweep has ${runs} runs, over the limit of ${maxRuns.toLocaleString('en')}`);
    if (known > maxRuns) throw over(`${allExact ? '' : 'at least '}${known.toLocaleString('en')}`);

    let counted = known;
    const spaces = spec.strategies.map((strategy, i) => {
      const path = `strategies[${i}]`;
      const exact = exactRuns(i) !== undefined;
      const space = new CombinationSpace(
        strategy,
        path,
        strategyAxes(spec, i),
        exact
          ? {}
          : {
              maxCount: Math.floor((maxRuns - counted) / symbols),
              overLimit: () => over(`more than ${maxRuns.toLocaleString('en')}`),
            },
      );
      if (!exact) counted += space.count * symbols;
      if (counted > maxRuns) throw over(`at least ${counted.toLocaleString('en')}`);
      if (space.count === 0) {
        throw new EmptySweepError(
          `${path}.where: prunes all ${(grids[i] as ParamGrid).rawCount.toLocaleString('en')} combinations of ${strategy.name}, so the sweep would run nothing; loosen the constraints`,
        );
      }
      return space;
    });
    const plan = new SweepPlan(spec, sweepId, { runsPerJob: 1, spaces });
    if (plan.totalRuns > maxRuns) throw over(plan.totalRuns.toLocaleString('en'));
    return plan;
  }

  /**
   * The same plan cut into jobs of another size, reusing the counted combination spaces (counting can be costly).
   * `spec` may differ from this plan's only in what does not change the runs (e.g. `runTimeoutMs`).
   */
  withRunsPerJob(runsPerJob: number, spec: SweepSpec = this.spec): SweepPlan {
    return new SweepPlan(spec, this.sweepId, { runsPerJob, spaces: this.spaces });
  }

  /** The out-of-sample slots of a validated sweep, in run-index order (none without `validation`). */
  get outOfSampleSlots(): readonly OutOfSampleSlot[] {
    return this.slots;
  }

  /** The out-of-sample slot at `runIndex`, or `undefined` when that index is an in-sample run or not in the plan. */
  outOfSampleAt(runIndex: number): OutOfSampleSlot | undefined {
    const first = this.slots[0]?.runIndex;
    return first === undefined ? undefined : this.slots[runIndex - first];
  }

  /**
   * The one-run job of an out-of-sample slot, once its parameters (and swept settings) were chosen in sample: the
   * same strategy, symbol and settings as the group's in-sample runs, trading in the fold's out-of-sample window
   * with warm-up from the sweep's start.
   */
  outOfSampleJob(
    slot: OutOfSampleSlot,
    chosen: { params: Record<string, number>; settings?: Record<string, number> },
  ): RunJob {
    const stored = this.slots[slot.runIndex - (this.slots[0]?.runIndex ?? 0)];
    const fold = this.folds[slot.fold];
    if (!stored || stored.runIndex !== slot.runIndex || !fold)
      throw new RangeError(`run index ${slot.runIndex} is not an out-of-sample run of sweep ${this.sweepId}`);
    const settings = Object.keys(chosen.settings ?? {}).length > 0 ? chosen.settings : undefined;
    const segment = {
      strategy: stored.strategy,
      symbol: stored.symbol,
      settings: stored.settings,
      window: { fold: fold.index, sample: 'out_of_sample', from: fold.outOfSample.start, end: fold.outOfSample.end },
    } as const;
    return this.jobData(segment, [{ index: slot.runIndex, params: chosen.params, ...(settings ? { settings } : {}) }]);
  }

  /** The fold and window a run trades in, or `undefined` for a sweep without validation or an index outside it. */
  windowOf(runIndex: number): (RunWindow & { end: string }) | undefined {
    const slot = this.outOfSampleAt(runIndex);
    const fold = slot && this.folds[slot.fold];
    if (fold)
      return { fold: fold.index, sample: 'out_of_sample', from: fold.outOfSample.start, end: fold.outOfSample.end };
    return this.segments.find((s) => runIndex >= s.firstRun && runIndex < s.firstRun + s.space.count)?.window;
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
      for (const combination of segment.space.combinations(position)) {
        runs.push(plannedRun(segment, segment.firstRun + position++, combination));
        if (runs.length === this.runsPerJob) {
          yield { jobIndex: jobIndex++, data: this.jobData(segment, runs) };
          runs = [];
        }
      }
      if (runs.length > 0) yield { jobIndex, data: this.jobData(segment, runs) };
    }
  }

  /**
   * An upper bound of the serialized size of any job of the plan, from each segment's envelope, its last run index
   * and its longest possible combination, so oversized jobs are refused before anything is written without
   * enumerating the plan. `extra` is merged into every job (e.g. the trace carrier).
   */
  largestJobBytes(extra: Readonly<Record<string, unknown>> = {}): number {
    let largest = 0;
    for (const segment of this.segments) {
      if (segment.space.count === 0) continue;
      const runs = Math.min(this.runsPerJob, segment.space.count);
      const lastIndex = segment.firstRun + segment.space.count - 1;
      const run = `{"index":${lastIndex},"params":}`.length + segment.space.maxParamsBytes();
      const envelope = Buffer.byteLength(JSON.stringify({ ...this.jobData(segment, []), ...extra }));
      largest = Math.max(largest, envelope + runs * run + runs - 1);
    }
    return largest;
  }

  /**
   * The first job whose payload (with `extra` merged in) is over `maxBytes`, if any: settled by
   * {@link largestJobBytes} when the bound allows it, otherwise by a dry pass over the jobs that writes nothing.
   */
  firstOversizedJob(
    maxBytes: number,
    extra: Readonly<Record<string, unknown>> = {},
  ): { jobIndex: number; bytes: number } | undefined {
    if (this.largestJobBytes(extra) <= maxBytes) return undefined;
    for (const job of this.jobs()) {
      const bytes = Buffer.byteLength(JSON.stringify({ ...job.data, ...extra }));
      if (bytes > maxBytes) return { jobIndex: job.jobIndex, bytes };
    }
    return undefined;
  }

  /** The index of the job that carries a run, which with the sweep id names its BullMQ job (`runJobId`). */
  jobIndexOf(runIndex: number): number {
    const segment = this.segmentOf(runIndex);
    return segment.firstJob + Math.floor((runIndex - segment.firstRun) / this.runsPerJob);
  }

  /**
   * The settings every run of a run's strategy shares (the sweep's, overridden by its strategy's); with the run's
   * stored swept values on top ({@link runSettings}) they are the settings it was executed with.
   */
  settingsOf(runIndex: number): BacktestSettings {
    const first = this.slots[0]?.runIndex;
    const slot = first === undefined ? undefined : this.slots[runIndex - first];
    return slot ? slot.settings : this.segmentOf(runIndex).settings;
  }

  /**
   * What the plan runs at `runIndex` (its swept settings' values apart from its parameters, as a job carries them),
   * or `undefined` when the index is not one of its runs.
   */
  runAt(runIndex: number):
    | {
        strategy: string;
        symbol: string;
        params: Record<string, number>;
        settings?: Record<string, number>;
        window?: { fold: number; sample: RunWindow['sample'] };
      }
    | undefined {
    const segment = this.segments.find((s) => runIndex >= s.firstRun && runIndex < s.firstRun + s.space.count);
    const combination = segment?.space.at(runIndex - segment.firstRun);
    if (!segment || !combination) return undefined;
    const { index: _index, ...run } = plannedRun(segment, runIndex, combination);
    const window = segment.window && { fold: segment.window.fold, sample: segment.window.sample };
    return { strategy: segment.strategy, symbol: segment.symbol, ...run, ...(window ? { window } : {}) };
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
      for (const combination of segment.space.combinations()) {
        const index = segment.firstRun + position++;
        if (!runIndexes.has(index)) continue;
        runs.push(plannedRun(segment, index, combination));
        if (runs.length === this.runsPerJob) {
          yield this.jobData(segment, runs);
          runs = [];
        }
      }
      if (runs.length > 0) yield this.jobData(segment, runs);
    }
  }

  private jobData(segment: Pick<Segment, 'strategy' | 'symbol' | 'settings' | 'window'>, runs: PlannedRun[]): RunJob {
    const window = segment.window;
    return {
      sweepId: this.sweepId,
      strategy: segment.strategy,
      symbol: segment.symbol,
      interval: this.spec.interval,
      start: this.spec.start,
      end: window?.end ?? this.spec.end,
      settings: segment.settings,
      ...(window ? { window: { fold: window.fold, sample: window.sample, from: window.from } } : {}),
      ...(this.spec.runTimeoutMs ? { runTimeoutMs: this.spec.runTimeoutMs } : {}),
      ...(this.spec.cache === false ? { cache: false } : {}),
      ...(this.spec.dataVersions?.[segment.symbol] ? { dataVersion: this.spec.dataVersions[segment.symbol] } : {}),
      runs,
    };
  }
}
