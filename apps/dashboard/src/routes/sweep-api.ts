import { MetricNames, MetricTable } from '@fleet/contracts';
import {
  type Database,
  failureSummary,
  HeatmapAggregates,
  heatmap,
  type Kysely,
  leaderboard,
  listSweeps,
  RunFields,
  type RunRange,
  toSweepProgress,
} from '@fleet/db';
import { loadStoredSweep, replayRun, sweepOverview, sweepValidation, walkForwardReport } from '@fleet/sweep';
import { type Request, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import { toRunView } from './run-view.js';

const SweepParams = z.object({ id: z.uuid() });
const RunParams = z.object({ id: z.uuid(), runIndex: z.coerce.number().int().nonnegative() });

const Selection = {
  status: z.enum(['succeeded', 'failed', 'all']).default('succeeded'),
  strategy: z.string().min(1).optional(),
  symbol: z.string().min(1).optional(),
  universe: z.string().min(1).optional(),
};
const LeaderboardParams = z.object({
  ...Selection,
  sort: z.string().default('sharpe'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const HeatmapParams = z.object({
  ...Selection,
  metric: z.string().default('sharpe'),
  x: z.string().min(1),
  y: z.string().min(1),
  agg: z.enum(HeatmapAggregates).default('avg'),
});
const PageParams = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const QueryNumber = z.coerce.number().finite();

/** The {@link MetricTable} as the pages need it: their leaderboard's columns, in table order, with how to show each. */
const metricColumns = MetricNames.map((name) => {
  const { column: _column, ...shown } = MetricTable[name];
  return { name, ...shown };
});

/** `min.<field>=a` and `max.<field>=b` query parameters as ranges, so any metric or `param.<name>` filters alike. */
function rangesOf(query: Request['query']): RunRange[] {
  const ranges = new Map<string, RunRange>();
  for (const [key, raw] of Object.entries(query)) {
    const bound = /^(min|max)\.(.+)$/.exec(key);
    if (!bound || raw === '' || typeof raw !== 'string') continue;
    const [, side, field] = bound as unknown as [string, 'min' | 'max', string];
    const range = ranges.get(field) ?? { field };
    range[side] = QueryNumber.parse(raw);
    ranges.set(field, range);
  }
  return [...ranges.values()];
}

/** `fixed.<param>=v` query parameters: parameters a heatmap holds at one value instead of aggregating over them. */
function fixedOf(query: Request['query']): Record<string, number> {
  const fixed: Record<string, number> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (key.startsWith('fixed.') && typeof raw === 'string' && raw !== '')
      fixed[key.slice('fixed.'.length)] = QueryNumber.parse(raw);
  }
  return fixed;
}

const handle =
  (fn: (req: Request) => Promise<unknown>): RequestHandler =>
  async (req, res, next) => {
    try {
      res.json(await fn(req));
    } catch (error) {
      next(error);
    }
  };

/**
 * The JSON API of the sweep pages under `/api/sweeps`: list, overview, leaderboard page, heatmap, failures, the
 * validation of every group (DSR, PBO, λ histogram, neighbours, consistency) and a run's replayed equity curve with
 * its buy-and-hold benchmark, and a validated sweep's walk-forward (folds, stitched out-of-sample equity). Every
 * query aggregates or pages in Postgres, so a response never holds every run.
 */
export function sweepApi(db: Kysely<Database>): Router {
  const router = Router();
  const planOf = (sweepId: string) => loadStoredSweep(db, sweepId);

  router.get(
    '/',
    handle(async () => ({ sweeps: (await listSweeps(db)).map(toSweepProgress) })),
  );
  router.get(
    '/fields',
    handle(async () => ({ fields: [...RunFields.keys()], metrics: metricColumns, aggregates: HeatmapAggregates })),
  );
  router.get(
    '/:id',
    handle(async (req) => sweepOverview(db, SweepParams.parse(req.params).id)),
  );
  router.get(
    '/:id/runs',
    handle(async (req) => {
      const { id } = SweepParams.parse(req.params);
      const q = LeaderboardParams.parse(req.query);
      const { plan } = await planOf(id);
      const page = await leaderboard(db, id, {
        ...q,
        direction: q.dir,
        ranges: rangesOf(req.query),
      });
      return { total: page.total, offset: q.offset, limit: q.limit, runs: page.runs.map((r) => toRunView(r, plan)) };
    }),
  );
  router.get(
    '/:id/heatmap',
    handle(async (req) => {
      const { id } = SweepParams.parse(req.params);
      const q = HeatmapParams.parse(req.query);
      const cells = await heatmap(db, id, {
        ...q,
        aggregate: q.agg,
        ranges: rangesOf(req.query),
        fixed: fixedOf(req.query),
      });
      return { metric: q.metric, x: q.x, y: q.y, aggregate: q.agg, cells };
    }),
  );
  router.get(
    '/:id/validation',
    handle(async (req) => sweepValidation(db, SweepParams.parse(req.params).id)),
  );
  router.get(
    '/:id/failures',
    handle(async (req) => {
      const { id } = SweepParams.parse(req.params);
      const { plan } = await planOf(id);
      const summary = await failureSummary(db, id, PageParams.parse(req.query));
      return { ...summary, runs: summary.runs.map((r) => toRunView(r, plan)) };
    }),
  );
  router.get(
    '/:id/walk-forward',
    // Folds with the chosen sets' in-sample and out-of-sample curves, and the stitched out-of-sample equity.
    handle(async (req) => walkForwardReport(db, SweepParams.parse(req.params).id, { curves: true })),
  );
  router.get(
    '/:id/runs/:runIndex/equity',
    handle(async (req) => {
      const { id, runIndex } = RunParams.parse(req.params);
      const { plan } = await planOf(id);
      const replay = await replayRun(db, id, runIndex);
      return {
        run: toRunView(replay.run, plan),
        finalEquity: replay.finalEquity,
        reproduced: replay.reproduced,
        equityCurve: replay.equityCurve,
        ...(replay.portfolio ? { portfolio: replay.portfolio } : {}),
        buyAndHold: replay.buyAndHold,
      };
    }),
  );
  return router;
}
