import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { BundleHashMismatchError } from './bundle-hash-mismatch-error.js';
import { bundleModuleDir } from './bundle-module-dir.js';
import { BundleNotFoundError } from './bundle-not-found-error.js';
import { writeBundleFile } from './write-bundle-file.js';

/** Counters of a {@link BundleStore}: where each lookup was answered. */
export interface BundleStoreStats {
  memoryHits: number;
  diskHits: number;
  fetches: number;
  entries: number;
  bytes: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A worker's strategy bundles by hash: from memory (least recently used first out, bounded in bytes), else from the
 * local disk folder the engine threads import from, else fetched from Postgres once and written there. Every answer
 * hashes to the id asked for; bytes that do not (a tampered row or file) are refused, never cached, never run.
 * Concurrent lookups of one hash share a single fetch, and a failed one is forgotten.
 *
 * @example
 * const bundles = new BundleStore(async (hash) => (await findStrategyBundle(db, hash))?.bundle, env.FLEET_BUNDLE_DIR);
 * const code = await bundles.get(job.strategyBundle);
 */
export class BundleStore {
  private readonly cache: LRUCache<string, string>;
  private memoryHits = 0;
  private diskHits = 0;
  private fetches = 0;

  constructor(
    private readonly fetchBundle: (hash: string) => Promise<string | undefined>,
    private readonly root: string,
    maxBytes = 64 * 1024 * 1024,
  ) {
    this.cache = new LRUCache<string, string>({
      maxSize: maxBytes,
      sizeCalculation: (code) => Math.max(1, Buffer.byteLength(code)),
      fetchMethod: (hash) => this.load(hash),
    });
  }

  /**
   * The bytes of bundle `hash`, verified.
   * @throws {@link BundleNotFoundError}, {@link BundleHashMismatchError}
   */
  async get(hash: string): Promise<string> {
    const status: LRUCache.Status<string, string> = {};
    const loading = this.cache.fetch(hash, { status });
    if (status.fetch !== 'miss') this.memoryHits += 1;
    return (await loading) as string;
  }

  /** The counters now. */
  stats(): BundleStoreStats {
    return {
      memoryHits: this.memoryHits,
      diskHits: this.diskHits,
      fetches: this.fetches,
      entries: this.cache.size,
      bytes: this.cache.calculatedSize,
    };
  }

  private async load(hash: string): Promise<string> {
    const file = join(await bundleModuleDir(this.root), `${hash}.mjs`);
    const onDisk = await readFile(file, 'utf8').catch(() => undefined);
    if (onDisk !== undefined && sha256(onDisk) === hash) {
      this.diskHits += 1;
      return onDisk;
    }
    this.fetches += 1;
    const code = await this.fetchBundle(hash);
    if (code === undefined) throw new BundleNotFoundError(`strategy bundle ${hash} is not stored`);
    if (sha256(code) !== hash)
      throw new BundleHashMismatchError(
        `the stored bytes of strategy bundle ${hash.slice(0, 8)} hash to ${sha256(code).slice(0, 8)}; refusing to run them`,
      );
    await writeBundleFile(file, code);
    return code;
  }
}
