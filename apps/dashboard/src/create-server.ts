import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Database, Kysely } from '@fleet/db';
import type { RunQueue } from '@fleet/queue';
import { checkReadiness, createLogger, type Logger, type ReadinessChecks, type Registry } from '@fleet/telemetry';
import express, { type Express } from 'express';
import { basicAuth } from './basic-auth.js';
import { apiErrorHandler } from './routes/api-error-handler.js';
import { sweepApi } from './routes/sweep-api.js';
import { sweepPages } from './routes/sweep-pages.js';

/** Options of {@link createServer}. */
export interface ServerOptions {
  queues: readonly RunQueue[];
  db: Kysely<Database>;
  /** Credentials for every route; without them the caller must listen on loopback only. */
  auth?: { user: string; password: string };
  /** @defaultValue true */
  readOnly?: boolean;
  /** Served on `/metrics` for Prometheus. @defaultValue none: no `/metrics` */
  metrics?: Registry;
  /** Checks behind `/readyz`. @defaultValue none: ready whenever the process answers */
  readiness?: ReadinessChecks;
  /** @defaultValue a silent logger */
  log?: Logger;
}

/**
 * Builds the dashboard's HTTP app: Bull Board for every Fleet queue under `/queues`, the sweep pages under `/sweeps`
 * and their JSON API under `/api/sweeps`, all behind one authentication; `/healthz`, `/readyz` and `/metrics` stay
 * outside it for probes and Prometheus. It does not listen, so tests drive it directly.
 */
export function createServer(options: ServerOptions): Express {
  const log = options.log ?? createLogger('dashboard', { level: 'silent' });
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(options.readiness ?? {});
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  const registry = options.metrics;
  if (registry) {
    app.get('/metrics', async (_req, res, next) => {
      try {
        res.type(registry.contentType).send(await registry.metrics());
      } catch (error) {
        next(error);
      }
    });
  }
  if (options.auth) app.use(basicAuth(options.auth.user, options.auth.password));

  const board = new ExpressAdapter();
  board.setBasePath('/queues');
  createBullBoard({
    queues: options.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: options.readOnly ?? true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Backtest Fleet' } },
  });
  app.use('/queues', board.getRouter());

  app.use('/api/sweeps', sweepApi(options.db), apiErrorHandler(log));
  app.use(sweepPages());
  app.get('/', (_req, res) => {
    res.redirect('/sweeps');
  });
  return app;
}
