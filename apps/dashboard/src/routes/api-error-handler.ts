import type { Logger } from '@fleet/telemetry';
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

/** Errors that describe the request, by stable name, and the status each maps to. */
const clientErrors: ReadonlyMap<string, number> = new Map([
  ['ZodError', 400],
  ['RunQueryError', 400],
  ['SweepNotFoundError', 404],
  ['RunNotFoundError', 404],
  ['SweepStateError', 409],
]);

/**
 * Turns errors of the sweep API into JSON: client errors (classified by name, since they come from several packages)
 * become 400/404 with their message; anything else is logged and answered 500 without internals.
 */
export function apiErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: Error, req, res, _next) => {
    const status = clientErrors.get(error.name);
    if (status) {
      const message = error.name === 'ZodError' ? z.prettifyError(error as z.ZodError) : error.message;
      res.status(status).json({ error: error.name, message });
      return;
    }
    log.error({ err: error.message, path: req.path }, 'dashboard request failed');
    res.status(500).json({ error: 'InternalError', message: 'the request failed; see the dashboard log' });
  };
}
