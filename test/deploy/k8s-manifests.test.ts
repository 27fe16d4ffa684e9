import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { QueueNames, RUN_JOB_NAME } from '@fleet/contracts';
import { createRunQueue } from '@fleet/queue';
import { QueueKeys } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { AggregatorConfig } from '../../apps/aggregator/src/env.js';
import { DashboardConfig } from '../../apps/dashboard/src/env.js';
import { CliConfig } from '../../apps/producer/src/env.js';
import { WorkerConfig } from '../../apps/worker/src/env.js';
import { repoRoot } from '../support/fleet-processes.js';
import { deleteKeysWithPrefix, uniquePrefix } from '../support/services.js';

const run = promisify(execFile);
const k8s = join(repoRoot, 'infra/k8s');
const dockerfile = readFileSync(join(repoRoot, 'infra/docker/Dockerfile'), 'utf8');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field below.
  spec?: any;
  data?: Record<string, string>;
  resources?: string[];
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: { httpGet: { path: string; port: string } };
  livenessProbe?: { httpGet: { path: string; port: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
}

function load(dir: string): Manifest[] {
  return readdirSync(join(k8s, dir))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) =>
      parseAllDocuments(readFileSync(join(k8s, dir, f), 'utf8')).map((d) => {
        expect(d.errors, `${dir}/${f} parses`).toEqual([]);
        return d.toJS() as Manifest;
      }),
    );
}
const base = load('base');
const overlays = { keda: load('keda'), hpa: load('hpa') };
const all = [...base, ...overlays.keda, ...overlays.hpa];
const find = (kind: string, name: string, from: Manifest[] = base) =>
  from.find((m) => m.kind === kind && m.metadata?.name === name) as Manifest;
const configMap = find('ConfigMap', 'fleet-config').data ?? {};
const secretKeys = readFileSync(join(k8s, 'base/fleet-secrets.env.example'), 'utf8')
  .split('\n')
  .filter((l) => /^[A-Z_]+=/.test(l))
  .map((l) => l.slice(0, l.indexOf('=')));
const configs = { worker: WorkerConfig, aggregator: AggregatorConfig, dashboard: DashboardConfig, producer: CliConfig };
const appOf = (c: Container) => /^backtest-fleet-(\w+)$/.exec(c.image)?.[1] as keyof typeof configs;

/** The environment a container gets, with secrets stood in for by their key names. */
function environment(c: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    expect(from.configMapRef?.name).toBe('fleet-config');
    Object.assign(env, configMap);
  }
  for (const v of c.env ?? []) {
    const secret = v.valueFrom?.secretKeyRef;
    const config = v.valueFrom?.configMapKeyRef;
    if (secret) {
      expect(secret.name).toBe('fleet-secrets');
      expect(secretKeys, `${c.name}: ${v.name} comes from a documented secret key`).toContain(secret.key);
      env[v.name] = v.name.endsWith('_URL') ? placeholderUrl(v.name) : 'secret';
    } else if (config) {
      expect(Object.keys(configMap), `${c.name}: ${v.name}`).toContain(config.key);
      env[v.name] = configMap[config.key] as string;
    } else {
      env[v.name] = v.value ?? (v.valueFrom?.fieldRef ? 'pod-name' : '');
    }
  }
  return env;
}
const placeholderUrl = (name: string) =>
  name === 'REDIS_URL' ? 'redis://fleet:pw@redis:6379' : 'postgres://role:pw@postgres:5432/fleet';

/** KEDA's redis scaler (pkg/scalers/redis_scaler.go): the length of a list, or of a set or sorted set by its type. */
const KEDA_LENGTH_SCRIPT = `
local listName = KEYS[1]
local listType = redis.call('type', listName).ok
local cmd = { zset = 'zcard', set = 'scard', list = 'llen', hash = 'hlen', none = 'llen' }
return redis.call(cmd[listType], listName)`;

/**
 * The replicas KEDA would set for a ScaledObject of redis triggers: it activates (0 → 1) when any trigger's length
 * exceeds its activation length, and the HPA then takes the largest ceil(length / listLength) across triggers.
 */
async function kedaReplicas(
  spec: { minReplicaCount: number; maxReplicaCount: number; triggers: { metadata: Record<string, string> }[] },
  redis: Redis,
  key: (listName: string) => string,
): Promise<number> {
  let active = false;
  let desired = 0;
  for (const t of spec.triggers) {
    const length = Number(await redis.eval(KEDA_LENGTH_SCRIPT, 1, key(t.metadata.listName as string)));
    if (length > Number(t.metadata.activationListLength ?? 0)) active = true;
    desired = Math.max(desired, Math.ceil(length / Number(t.metadata.listLength)));
  }
  if (!active) return spec.minReplicaCount;
  return Math.min(spec.maxReplicaCount, Math.max(spec.minReplicaCount, 1, desired));
}

const workloads = base.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
const containers = (m: Manifest): Container[] => m.spec.template.spec.containers;

describe('infra/k8s', () => {
  it('lists in every kustomization exactly the manifests of its folder', () => {
    for (const dir of ['base', 'keda', 'hpa']) {
      const kustomization = load(dir).find((m) => m.kind === 'Kustomization') as Manifest;
      const local = (kustomization.resources ?? []).filter((r) => !r.startsWith('..'));
      const files = readdirSync(join(k8s, dir)).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
      expect(local.sort(), dir).toEqual(files.sort());
      for (const r of kustomization.resources ?? []) expect(existsSync(join(k8s, dir, r)), `${dir}: ${r}`).toBe(true);
    }
  });

  it('runs each app with its image CMD (or a CLI command that exists) and only variables it reads', async () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(workloads.map((w) => w.metadata.name).sort()).toEqual([
      'fleet-aggregator',
      'fleet-dashboard',
      'fleet-migrate',
      'fleet-worker',
    ]);
    for (const w of workloads) {
      for (const c of containers(w)) {
        const app = appOf(c);
        expect(configs[app], `${w.metadata.name} runs a Fleet image`).toBeDefined();
        expect(c.command, 'the image entrypoint (tini) stays').toBeUndefined();
        const argv = c.args ?? cmd;
        expect(argv.slice(0, 2)).toEqual(cmd);
        if (argv.length > 2) {
          const help = await run(process.execPath, [
            join(repoRoot, 'apps', app, 'dist/main.js'),
            ...argv.slice(2),
            '--help',
          ]);
          expect(help.stdout).toContain('Usage: fleet');
        }
        const env = environment(c);
        const known = Object.keys(configs[app].shape);
        for (const name of Object.keys(env)) expect(known, `${w.metadata.name} sets ${name}`).toContain(name);
        const parsed = configs[app].safeParse(env);
        expect(parsed.success, `${w.metadata.name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        expect(c.resources?.requests?.cpu && c.resources?.requests?.memory, 'requests').toBeTruthy();
        expect(c.resources?.limits?.memory, 'a memory limit').toBeTruthy();
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
        expect(w.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      }
    }
  });

  it('probes /healthz and /readyz on the port each app serves them on', () => {
    const served = { worker: 'METRICS_PORT', aggregator: 'METRICS_PORT', dashboard: 'PORT' } as const;
    for (const w of workloads.filter((m) => m.kind === 'Deployment')) {
      for (const c of containers(w)) {
        const app = appOf(c) as keyof typeof served;
        const parsed = configs[app].parse(environment(c)) as Record<string, unknown>;
        const port = c.ports?.find((p) => p.name === c.readinessProbe?.httpGet.port);
        expect(port?.containerPort, `${w.metadata.name} serves probes on ${served[app]}`).toBe(parsed[served[app]]);
        expect(c.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: port?.name });
        expect(c.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: port?.name });
      }
    }
    const service = find('Service', 'fleet-dashboard');
    expect(service.spec.ports[0].targetPort).toBe('http');
    expect(service.spec.selector).toEqual(find('Deployment', 'fleet-dashboard').spec.selector.matchLabels);
  });

  it('gives a worker more time to stop than it takes to drain, and budgets disruptions', () => {
    const worker = find('Deployment', 'fleet-worker');
    const env = environment(containers(worker)[0] as Container);
    const graceMs = WorkerConfig.parse(env).WORKER_SHUTDOWN_GRACE_MS;
    expect(worker.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(graceMs);
    expect(worker.spec.replicas, 'replicas belong to the autoscaler').toBeUndefined();
    for (const name of ['fleet-worker', 'fleet-aggregator']) {
      const pdb = find('PodDisruptionBudget', name);
      expect(pdb.spec.selector.matchLabels).toEqual(find('Deployment', name).spec.selector.matchLabels);
    }
  });

  it('scales workers with KEDA on the BullMQ lists the queue really uses, down to zero', () => {
    const scaled = find('ScaledObject', 'fleet-worker', overlays.keda);
    expect(scaled.spec.scaleTargetRef.name).toBe('fleet-worker');
    expect(scaled.spec.minReplicaCount).toBe(0);
    // BullMQ's own key naming, so a change of its layout fails here rather than leaving KEDA watching nothing.
    const keys = new QueueKeys(configMap.FLEET_QUEUE_PREFIX).getKeys(QueueNames.runs);
    const lists = scaled.spec.triggers.map((t: { metadata: { listName: string } }) => t.metadata.listName);
    expect(lists, 'the wait list, the active list so running jobs keep their workers, and the delayed set').toEqual([
      keys.wait,
      keys.active,
      keys.delayed,
    ]);
    const auth = find('TriggerAuthentication', 'fleet-redis', overlays.keda);
    for (const ref of auth.spec.secretTargetRef) expect(secretKeys).toContain(ref.key);
    for (const t of scaled.spec.triggers) expect(t.authenticationRef.name).toBe('fleet-redis');
  });

  it('keeps a worker while jobs are only delayed, as after a Postgres outage longer than the cooldown', async () => {
    const scaled = find('ScaledObject', 'fleet-worker', overlays.keda);
    const prefix = uniquePrefix(inject('runId'), 'keda');
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const queue = createRunQueue(redis, prefix);
    try {
      // Every job backed off into the delayed set; nothing waits and nothing runs.
      await queue.addBulk(
        [0, 1, 2].map((i) => ({ name: RUN_JOB_NAME, data: {} as never, opts: { jobId: `j${i}`, delay: 3_600_000 } })),
      );
      expect(await queue.getJobCounts('wait', 'active', 'delayed')).toEqual({ wait: 0, active: 0, delayed: 3 });
      const replicas = await kedaReplicas(scaled.spec, redis, (key) =>
        key.replace(configMap.FLEET_QUEUE_PREFIX as string, prefix),
      );
      expect(replicas, 'only a running worker moves delayed jobs back to wait').toBeGreaterThanOrEqual(1);
      await queue.obliterate({ force: true });
      expect(
        await kedaReplicas(scaled.spec, redis, (key) => key.replace(configMap.FLEET_QUEUE_PREFIX as string, prefix)),
      ).toBe(0);
    } finally {
      await queue.close();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    }
  });

  it('offers an HPA on the exported waiting-jobs gauge instead of KEDA', () => {
    const hpa = find('HorizontalPodAutoscaler', 'fleet-worker', overlays.hpa);
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'fleet-worker' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1);
    const source = readFileSync(join(repoRoot, 'packages/telemetry/src/queue-metrics.ts'), 'utf8');
    expect(source, 'the gauge the adapter rule reads exists').toContain("name: 'fleet_queue_jobs'");
    expect(all.filter((m) => m.kind === 'ScaledObject' || m.kind === 'HorizontalPodAutoscaler').length).toBe(2);
  });
});
