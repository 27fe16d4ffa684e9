import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@fleet/local-services';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../support/fleet-processes.js';
import { deleteKeysWithPrefix, uniquePrefix } from '../support/services.js';

const run = promisify(execFile);
const dockerfile = await readFile(join(repoRoot, 'infra/docker/Dockerfile'), 'utf8');

/** The exec-form array of a Dockerfile instruction line such as `CMD ["node", "dist/main.js"]`. */
function execForm(pattern: RegExp): string[] {
  const line = pattern.exec(dockerfile)?.[1];
  if (!line) throw new Error(`Dockerfile has no line matching ${pattern}`);
  return JSON.parse(line) as string[];
}
/** A shell-form RUN step of the Dockerfile with `${APP}` filled in, split into words. */
function runStep(command: 'turbo prune' | 'pnpm install' | 'pnpm deploy', app: string): string[] {
  const line = dockerfile.split('\n').find((l) => l.startsWith('RUN ') && l.includes(`${command} `));
  if (!line) throw new Error(`Dockerfile has no RUN ${command}`);
  const step = line.slice(line.indexOf(command)).replaceAll(/\$\{APP\}/g, app);
  return step.split(/\s+/).filter(Boolean);
}

const cmd = execForm(/^CMD (\[.*\])$/m);
const healthcheck = execForm(/^HEALTHCHECK .*? CMD (\[.*\])$/m);
const workdir = /^WORKDIR (\S+)$/m.exec(dockerfile.slice(dockerfile.lastIndexOf('FROM ')))?.[1];
const apps = ['worker', 'aggregator', 'dashboard', 'producer'] as const;
type App = (typeof apps)[number];

const prefix = uniquePrefix(inject('runId'), 'image');
let scratch = '';
const deployed = new Map<App, string>();

/**
 * Builds each app's image filesystem the way the Dockerfile does, without Docker: `turbo prune` per app, a frozen
 * install of the pruned lockfile, the app's compiled packages, and `pnpm deploy --prod` into `/app`. The compile step
 * is the same `turbo run build` that set-up has just run on the whole workspace, so its output is copied rather than
 * built a second time.
 */
async function buildImageFilesystem(app: App): Promise<string> {
  const work = join(scratch, app);
  const [, , ...pruneArgs] = runStep('turbo prune', app);
  const out = pruneArgs.indexOf('--out-dir');
  pruneArgs.splice(out, 2, '--out-dir', join(work, 'pruned'));
  await run(join(repoRoot, 'node_modules/.bin/turbo'), ['prune', ...pruneArgs], { cwd: repoRoot });
  const tree = join(work, 'repo');
  await cp(join(work, 'pruned/json'), tree, { recursive: true });
  const install = runStep('pnpm install', app)
    .slice(1)
    .filter((a, i, all) => a !== '--store-dir' && all[i - 1] !== '--store-dir');
  await run('bash', [join(repoRoot, 'scripts/pnpm.sh'), ...install, '--prefer-offline', '--reporter=silent'], {
    cwd: tree,
  });
  await cp(join(work, 'pruned/full'), tree, { recursive: true });
  for (const pkg of await packageDirs(tree)) {
    await cp(join(repoRoot, pkg, 'dist'), join(tree, pkg, 'dist'), { recursive: true });
  }
  const image = join(work, 'app');
  const deploy = runStep('pnpm deploy', app).slice(1, -1);
  await run('bash', [join(repoRoot, 'scripts/pnpm.sh'), ...deploy, image], { cwd: tree });
  return image;
}

/** Workspace packages in a pruned tree that have a build output in the repository. */
async function packageDirs(tree: string): Promise<string[]> {
  const { stdout } = await run('find', ['.', '-name', 'package.json', '-not', '-path', '*/node_modules/*'], {
    cwd: tree,
  });
  const dirs = stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => dirname(f).replace(/^\.\/?/, ''))
    .filter(Boolean);
  const built: string[] = [];
  for (const d of dirs) if (await stat(join(repoRoot, d, 'dist')).catch(() => undefined)) built.push(d);
  return built;
}

function appEnv(app: App, ports: { metrics: number; http: number }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    FLEET_APP: app,
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    FLEET_QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'info',
    METRICS_PORT: String(ports.metrics),
    PORT: String(ports.http),
    WORKER_CONCURRENCY: '1',
    DASHBOARD_USER: 'ops',
    DASHBOARD_PASSWORD: 'image-test',
  };
}

/** Runs the image's HEALTHCHECK command (its script taken from the repository) until it passes or time runs out. */
async function waitHealthy(env: NodeJS.ProcessEnv): Promise<boolean> {
  const [node, script] = healthcheck as [string, string];
  const local = join(repoRoot, 'infra/docker', script.split('/').pop() ?? '');
  for (let i = 0; i < 60; i++) {
    const ok = await run(node === 'node' ? process.execPath : node, [local], { env }).then(
      () => true,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'fleet-image-'));
  const images = await Promise.all(apps.map((app) => buildImageFilesystem(app)));
  apps.forEach((app, i) => {
    deployed.set(app, images[i] as string);
  });
}, 240_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  const redis = new Redis(inject('redisUrl'));
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

describe('the Dockerfile, run outside Docker', () => {
  it('starts each app in /app as non-root with tini, and probes /healthz', () => {
    expect(workdir, 'images run from /app, where pnpm deploy put the app').toBe('/app');
    expect(cmd).toEqual(['node', 'dist/main.js']);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(healthcheck[0]).toBe('node');
  });

  for (const app of ['worker', 'aggregator', 'dashboard'] as const) {
    it(`${app}: the deployed app starts with the image's CMD, passes its HEALTHCHECK and stops cleanly on SIGTERM`, async () => {
      const image = deployed.get(app) as string;
      const ports = { metrics: await freePort(), http: await freePort() };
      const env = appEnv(app, ports);
      const [bin, ...args] = cmd as [string, ...string[]];
      const child = spawn(bin === 'node' ? process.execPath : bin, args, {
        cwd: image,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => {
        output += d;
      });
      child.stderr.on('data', (d) => {
        output += d;
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      try {
        expect(await waitHealthy(env), `HEALTHCHECK of ${app} never passed:\n${output}`).toBe(true);
        const port = app === 'dashboard' ? ports.http : ports.metrics;
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(res.status).toBe(200);
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(ready.status, `readiness of ${app} (Redis and Postgres reachable):\n${output}`).toBe(200);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited, `${app} exits 0 on SIGTERM:\n${output}`).toBe(0);
    });
  }

  it('producer: the CLI image migrates the database (its migrations are deployed with it)', async () => {
    const image = deployed.get('producer') as string;
    const env = appEnv('producer', { metrics: 0, http: 0 });
    const { stdout } = await run(process.execPath, ['dist/main.js', 'db', 'migrate', '--json'], { cwd: image, env });
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '{}')).toMatchObject({ databaseCreated: false, applied: [] });
    const [node, script] = healthcheck as [string, string];
    expect(node).toBe('node');
    await expect(
      run(process.execPath, [join(repoRoot, 'infra/docker', script.split('/').pop() ?? '')], { env }),
      'the CLI image has nothing to probe',
    ).resolves.toBeDefined();
  });
});
