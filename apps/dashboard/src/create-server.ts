import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { type Database, type Kysely, listSweeps, toSweepProgress } from '@fleet/db';
import type { RunQueue } from '@fleet/queue';
import express, { type Express } from 'express';
import { basicAuth } from './basic-auth.js';

/** Options of {@link createServer}. */
export interface ServerOptions {
  queues: readonly RunQueue[];
  db: Kysely<Database>;
  /** Credentials for every route; without them the caller must listen on loopback only. */
  auth?: { user: string; password: string };
  /** @defaultValue true */
  readOnly?: boolean;
}

/**
 * Builds the dashboard's HTTP app: Bull Board for every Fleet queue under `/queues` and the sweep API under
 * `/api`, all behind one authentication. It does not listen, so tests drive it directly.
 */
export function createServer(options: ServerOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  if (options.auth) app.use(basicAuth(options.auth.user, options.auth.password));

  const board = new ExpressAdapter();
  board.setBasePath('/queues');
  createBullBoard({
    queues: options.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: options.readOnly ?? true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Backtest Fleet' } },
  });
  app.use('/queues', board.getRouter());

  app.get('/api/sweeps', async (_req, res, next) => {
    try {
      res.json({ sweeps: (await listSweeps(options.db)).map(toSweepProgress) });
    } catch (error) {
      next(error);
    }
  });
  app.get('/', (_req, res) => {
    res.redirect('/queues');
  });
  return app;
}
