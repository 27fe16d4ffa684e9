import { type RunOutcome, SweepSpec } from '@fleet/contracts';
import { type Database, type FoldSelectionRow, findSweep, type Kysely, listFoldSelections } from '@fleet/db';
import { SweepPlan } from '@fleet/planning';

/** An outcome that is not a planned run of its sweep, with what gives it away. */
interface UnplannedOutcome {
  outcome: RunOutcome;
  problem: string;
}

/** What {@link PlannedRunVerifier.check} found. */
export interface VerifiedOutcomes {
  /** Outcomes whose run is the plan's run at their index (and those of sweeps that no longer exist, left to the store). */
  planned: RunOutcome[];
  unplanned: UnplannedOutcome[];
}

/** A sweep's plan, why it has none, or `undefined` for a sweep that does not exist. */
type PlanOrProblem = SweepPlan | { problem: string } | undefined;

/** The chosen parameters of a walk-forward sweep's out-of-sample runs, by run index; only chosen ones are listed. */
type Selections = ReadonlyMap<number, Pick<FoldSelectionRow, 'params' | 'settings'>>;

/** A run's fold and window, as the plan places it; both absent without validation. */
type Placement = { fold?: number; sample?: string } | undefined;

const sameWindow = (a: Placement, b: Placement) => a?.fold === b?.fold && a?.sample === b?.sample;

const placementOf = (o: RunOutcome): Placement =>
  o.fold === undefined && o.window === undefined ? undefined : { fold: o.fold, sample: o.window };

const sameParams = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
};

/**
 * Checks that outcomes are the planned runs of their sweeps before they are stored: Redis content is untrusted, and a
 * forged or buggy job with an index past the plan, or parameters, swept settings, strategy or symbol other than the plan's run at
 * that index, would otherwise be stored and counted (a sweep could then close while planned runs are missing). Each
 * sweep's plan is rebuilt once from its stored spec and kept for the next batches (the most recent `capacity`
 * sweeps); checking a run is then a segment lookup and a decode of its grid position.
 *
 * @example
 * const verifier = PlannedRunVerifier.forDatabase(db);
 * const { planned, unplanned } = await verifier.check(outcomes);
 */
export class PlannedRunVerifier {
  private readonly plans = new Map<string, Promise<PlanOrProblem>>();

  /**
   * @param loadPlan a sweep's plan, `undefined` when the sweep does not exist, or why its plan cannot be built; it
   * throws only when it could not look (Postgres down).
   * @param loadSelections the chosen out-of-sample runs of a walk-forward sweep, read again for every batch that
   * carries out-of-sample outcomes (a choice appears while the sweep runs). @defaultValue none chosen
   */
  constructor(
    private readonly loadPlan: (sweepId: string) => Promise<PlanOrProblem>,
    private readonly capacity = 64,
    private readonly loadSelections: (sweepId: string) => Promise<Selections> = async () => new Map(),
  ) {}

  /**
   * A verifier reading plans from Postgres. A stored spec that no longer plans (a bug, or a schema change) refuses its
   * sweep's outcomes rather than failing every batch for good: nothing unverified is stored, and the log says why.
   */
  static forDatabase(db: Kysely<Database>, capacity?: number): PlannedRunVerifier {
    return new PlannedRunVerifier(
      async (sweepId) => {
        const row = await findSweep(db, sweepId);
        if (!row) return undefined;
        try {
          return new SweepPlan(SweepSpec.parse(row.spec), row.id, { runsPerJob: row.runs_per_job });
        } catch (error) {
          return { problem: `sweep ${sweepId}: its stored spec cannot be planned: ${(error as Error).message}` };
        }
      },
      capacity,
      async (sweepId) => {
        const rows = await listFoldSelections(db, sweepId);
        return new Map(rows.filter((r) => r.chosen_run !== null).map((r) => [Number(r.run_index), r]));
      },
    );
  }

  /**
   * Splits outcomes into planned and unplanned ones. Throws only when a plan cannot be loaded (Postgres down), so the
   * caller retries the whole batch.
   */
  async check(outcomes: readonly RunOutcome[]): Promise<VerifiedOutcomes> {
    const result: VerifiedOutcomes = { planned: [], unplanned: [] };
    const sweepIds = [...new Set(outcomes.map((o) => o.sweepId))];
    const plans = new Map(await Promise.all(sweepIds.map(async (id) => [id, await this.planOf(id)] as const)));
    const outOfSample = sweepIds.filter((id) => {
      const plan = plans.get(id);
      return plan instanceof SweepPlan && outcomes.some((o) => o.sweepId === id && plan.outOfSampleAt(o.runIndex));
    });
    const selections = new Map(
      await Promise.all(outOfSample.map(async (id) => [id, await this.loadSelections(id)] as const)),
    );
    for (const outcome of outcomes) {
      const plan = plans.get(outcome.sweepId);
      const problem =
        plan instanceof SweepPlan
          ? this.problemOf(plan, outcome, selections.get(outcome.sweepId) ?? new Map())
          : plan?.problem;
      if (problem) result.unplanned.push({ outcome, problem });
      else result.planned.push(outcome);
    }
    return result;
  }

  private problemOf(plan: SweepPlan, o: RunOutcome, selections: Selections): string | undefined {
    const at = `sweep ${o.sweepId} run ${o.runIndex}`;
    const slot = plan.outOfSampleAt(o.runIndex);
    if (slot) {
      const chosen = selections.get(o.runIndex);
      if (!chosen) return `${at}: an out-of-sample run whose parameters are not chosen yet`;
      if (slot.strategy !== o.strategy || slot.symbol !== o.symbol)
        return `${at}: ${o.strategy} on ${o.symbol}, but the plan runs ${slot.strategy} on ${slot.symbol} there`;
      if (!sameParams(chosen.params ?? {}, o.params) || !sameParams(chosen.settings ?? {}, o.settings ?? {}))
        return `${at}: parameters ${JSON.stringify(o.params)}, but fold ${slot.fold} chose ${JSON.stringify(chosen.params)}`;
      if (!sameWindow(placementOf(o), { fold: slot.fold, sample: 'out_of_sample' }))
        return `${at}: fold ${o.fold ?? '-'} ${o.window ?? '-'}, but the run is fold ${slot.fold} out of sample`;
      return undefined;
    }
    const run = plan.runAt(o.runIndex);
    if (!run) return `${at}: the sweep plans runs 0 to ${plan.totalRuns - 1} only`;
    if (run.strategy !== o.strategy || run.symbol !== o.symbol)
      return `${at}: ${o.strategy} on ${o.symbol}, but the plan runs ${run.strategy} on ${run.symbol} there`;
    if (!sameParams(run.params, o.params))
      return `${at}: parameters ${JSON.stringify(o.params)}, but the plan runs ${JSON.stringify(run.params)} there`;
    if (!sameParams(run.settings ?? {}, o.settings ?? {}))
      return `${at}: swept settings ${JSON.stringify(o.settings ?? {})}, but the plan runs ${JSON.stringify(run.settings ?? {})} there`;
    if (!sameWindow(run.window, placementOf(o)))
      return `${at}: fold ${o.fold ?? '-'} ${o.window ?? '-'}, but the plan runs ${JSON.stringify(run.window ?? null)} there`;
    return undefined;
  }

  private planOf(sweepId: string): Promise<PlanOrProblem> {
    let plan = this.plans.get(sweepId);
    if (plan) {
      // Most recently used last, so the oldest entry is the first one evicted.
      this.plans.delete(sweepId);
    } else {
      plan = this.loadPlan(sweepId);
      // A failed load (Postgres down) is not remembered: the next batch tries again.
      plan.catch(() => this.plans.delete(sweepId));
    }
    this.plans.set(sweepId, plan);
    if (this.plans.size > this.capacity) this.plans.delete(this.plans.keys().next().value as string);
    return plan;
  }
}
