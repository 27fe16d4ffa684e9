import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ComposeServices } from './compose-services.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// This machine has no Docker daemon, so a stand-in CLI records what Compose would be asked to do; the compose file
// itself is checked against the specification in test/deploy/compose-file.test.ts.
let dir = '';
let docker = '';
const calls = async () =>
  (await readFile(join(dir, 'calls'), 'utf8').catch(() => ''))
    .trim()
    .split('\n')
    .filter((l) => l);
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleet-compose-test-'));
  docker = join(dir, 'docker');
  await writeFile(docker, `#!/bin/sh\necho "$*" >> '${dir}/calls'\n`, { mode: 0o755 });
  await copyFile(join(repoRoot, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ComposeServices', () => {
  it('without a .env, gives every variable docker-compose.yml requires a random value, kept for the next run', async () => {
    const stateDir = join(dir, 'state');
    const options = { projectDir: dir, stateDir, services: ['redis', 'postgres'] as const, command: docker };
    const compose = await ComposeServices.start(options);
    const envFile = join(stateDir, 'compose.env');
    expect(await calls()).toEqual([
      `compose --project-directory ${dir} --env-file ${envFile} up --detach --wait redis postgres`,
    ]);
    const env = Object.fromEntries(
      (await readFile(envFile, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => l.split('=')),
    );
    expect(Object.keys(env).sort(), 'every variable docker-compose.yml requires').toEqual(
      [
        ...new Set((await readFile(join(repoRoot, '.env.example'), 'utf8')).match(/^[A-Z_]*(PASSWORD|USER)(?==)/gm)),
      ].sort(),
    );
    for (const value of Object.values(env)) expect(value).toMatch(/^[0-9a-f]{48}$/);
    expect(((await stat(envFile)).mode & 0o777).toString(8), 'passwords are for the owner only').toBe('600');
    expect(compose.redisUrl).toBe(`redis://:${env.REDIS_PASSWORD}@127.0.0.1:6379`);
    expect(compose.databaseUrl).toBe(`postgres://postgres:${env.POSTGRES_PASSWORD}@127.0.0.1:5432/fleet`);

    await compose.stop();
    expect((await calls()).at(-1)).toBe(`compose --project-directory ${dir} --env-file ${envFile} stop redis postgres`);
    const again = await ComposeServices.start(options);
    expect(again.redisUrl, 'the volumes keep the first passwords, so the next run reuses them').toBe(compose.redisUrl);
  });

  it('uses the passwords of .env when there is one, and starts only the services asked for', async () => {
    await writeFile(join(dir, '.env'), "REDIS_PASSWORD='s3cret/+'\nPOSTGRES_PASSWORD=pg\n");
    const compose = await ComposeServices.start({
      projectDir: dir,
      stateDir: join(dir, 'state'),
      services: ['postgres'],
      command: docker,
    });
    expect(await calls()).toEqual([
      `compose --project-directory ${dir} --env-file ${join(dir, '.env')} up --detach --wait postgres`,
    ]);
    expect(compose.redisUrl, 'quotes are stripped and the password is URL-encoded').toBe(
      'redis://:s3cret%2F%2B@127.0.0.1:6379',
    );
    expect(compose.databaseUrl).toBe('postgres://postgres:pg@127.0.0.1:5432/fleet');
  });

  it('says in one line what Compose said when it fails', async () => {
    await writeFile(docker, '#!/bin/sh\necho "pulling" >&2\necho "port is already allocated" >&2\nexit 1\n');
    await expect(
      ComposeServices.start({ projectDir: dir, stateDir: join(dir, 'state'), services: ['redis'], command: docker }),
    ).rejects.toThrow(/^docker compose up --detach --wait redis failed: port is already allocated$/);
  });
});
