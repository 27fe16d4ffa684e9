import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { checkReadiness, type ReadinessChecks } from './check-readiness.js';

/** Options of {@link createMetricsServer}. */
export interface MetricsServerOptions {
  /** `0` picks a free port (tests); callers skip the server entirely when `METRICS_PORT=0`. */
  port: number;
  registry: Registry;
  readiness: ReadinessChecks;
  /** @defaultValue '0.0.0.0' */
  host?: string;
}

/** A listening metrics server. */
export interface MetricsServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `/metrics` (Prometheus text), `/healthz` (the process is alive) and `/readyz` (its dependencies answer) on a
 * port of its own, for processes without an HTTP server (worker, aggregator). Rejects if the port cannot be bound,
 * so the caller decides whether that is fatal.
 *
 * @example
 * const metrics = await createMetricsServer({ port: env.METRICS_PORT, registry, readiness: { redis: () => redis.ping() } });
 */
export async function createMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    if (req.method !== 'GET') return reply(405, 'text/plain', 'method not allowed');
    if (path === '/healthz') return reply(200, 'application/json', '{"ok":true}');
    if (path === '/readyz') {
      void checkReadiness(options.readiness).then((r) =>
        reply(r.ready ? 200 : 503, 'application/json', JSON.stringify(r)),
      );
      return;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => reply(200, options.registry.contentType, text),
        (error: Error) => reply(500, 'text/plain', `metrics collection failed: ${error.message}`),
      );
      return;
    }
    reply(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
