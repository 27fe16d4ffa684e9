import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleModuleDir } from './bundle-module-dir.js';
import { BundleStore } from './bundle-store.js';

const code = 'export default 1;\n';
const hash = createHash('sha256').update(code).digest('hex');

/** A store over a fake table of bundles that counts its fetches; `rows` may hold bytes that are not the hash's. */
function storeOver(rows: Record<string, string>, root: string, maxBytes?: number) {
  const fetched: string[] = [];
  const store = new BundleStore(
    async (h) => {
      fetched.push(h);
      return rows[h];
    },
    root,
    maxBytes,
  );
  return { store, fetched };
}

describe('BundleStore', () => {
  it('fetches a bundle once, then answers from memory, and a new worker from the disk', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bundle-store-'));
    const { store, fetched } = storeOver({ [hash]: code }, root);
    expect(await store.get(hash)).toBe(code);
    expect(await store.get(hash)).toBe(code);
    expect(fetched).toEqual([hash]);
    expect(store.stats()).toMatchObject({ fetches: 1, memoryHits: 1, diskHits: 0, entries: 1 });
    expect(await readFile(join(await bundleModuleDir(root), `${hash}.mjs`), 'utf8')).toBe(code);

    const restarted = storeOver({}, root);
    expect(await restarted.store.get(hash), 'served from the disk cache, Postgres not asked').toBe(code);
    expect(restarted.fetched).toEqual([]);
    expect(restarted.store.stats()).toMatchObject({ fetches: 0, diskHits: 1 });
  });

  it('refuses stored bytes that do not hash to the id, and caches nothing of them', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bundle-store-'));
    const { store, fetched } = storeOver({ [hash]: `${code}// tampered\n` }, root);
    await expect(store.get(hash)).rejects.toMatchObject({ code: 'BUNDLE_HASH_MISMATCH' });
    await expect(store.get(hash)).rejects.toMatchObject({ code: 'BUNDLE_HASH_MISMATCH' });
    expect(fetched, 'a refusal is not remembered as an answer').toEqual([hash, hash]);
    await expect(readFile(join(await bundleModuleDir(root), `${hash}.mjs`))).rejects.toThrow();
  });

  it('ignores a disk file that was tampered with, fetching the genuine bytes again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bundle-store-'));
    await writeFile(join(await bundleModuleDir(root), `${hash}.mjs`), 'globalThis.evil = true;\n');
    const { store, fetched } = storeOver({ [hash]: code }, root);
    expect(await store.get(hash)).toBe(code);
    expect(fetched).toEqual([hash]);
    expect(await readFile(join(await bundleModuleDir(root), `${hash}.mjs`), 'utf8')).toBe(code);
  });

  it('says so when a bundle is not stored', async () => {
    const { store } = storeOver({}, await mkdtemp(join(tmpdir(), 'bundle-store-')));
    await expect(store.get('f'.repeat(64))).rejects.toMatchObject({ code: 'BUNDLE_NOT_FOUND' });
  });

  it('keeps memory within its bound, least recently used out first', async () => {
    const codes = ['a', 'b', 'c'].map((x) => `export const x = '${x.repeat(100)}';\n`);
    const rows = Object.fromEntries(codes.map((c) => [createHash('sha256').update(c).digest('hex'), c]));
    const { store } = storeOver(rows, await mkdtemp(join(tmpdir(), 'bundle-store-')), 250);
    for (const h of Object.keys(rows)) await store.get(h);
    expect(store.stats().bytes).toBeLessThanOrEqual(250);
    expect(store.stats().entries).toBe(2);
  });
});
