// The image's HEALTHCHECK: GET /healthz on the port the app serves it on (worker and aggregator: METRICS_PORT,
// dashboard: PORT). Exit 0 when it answers 200, 1 otherwise. The CLI image (producer) runs one-shot commands and has
// nothing to probe, and METRICS_PORT=0 turns the probe off with the server.
const defaults = { worker: ['METRICS_PORT', 9464], aggregator: ['METRICS_PORT', 9465], dashboard: ['PORT', 3000] };
const app = process.env.FLEET_APP ?? '';
const probe = defaults[app];
if (!probe) process.exit(0);
const port = Number(process.env[probe[0]] ?? probe[1]);
if (port === 0) process.exit(0);
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
