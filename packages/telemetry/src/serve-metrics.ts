import type { Logger } from 'pino';
import { createMetricsServer, type MetricsServer, type MetricsServerOptions } from './create-metrics-server.js';

/**
 * Starts an app's metrics and health server as configured by `METRICS_PORT`: `0` leaves it off, and a port already
 * taken (a second worker on the same host without its own `METRICS_PORT`) is logged as an error but does not stop
 * the app, whose work matters more than its metrics.
 *
 * @example
 * const metrics = await serveMetrics({ port: env.METRICS_PORT, registry, readiness, log });
 * await metrics?.close();
 */
export async function serveMetrics(
  options: MetricsServerOptions & { log: Logger },
): Promise<MetricsServer | undefined> {
  const { log, ...server } = options;
  if (server.port === 0) {
    log.info('metrics server off (METRICS_PORT=0)');
    return undefined;
  }
  try {
    const started = await createMetricsServer(server);
    log.info({ port: started.port }, 'serving /metrics, /healthz and /readyz');
    return started;
  } catch (error) {
    log.error(
      { port: server.port, err: (error as Error).message },
      'metrics server could not listen; set METRICS_PORT to a free port (or 0 to turn it off)',
    );
    return undefined;
  }
}
