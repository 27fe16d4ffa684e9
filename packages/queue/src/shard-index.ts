import { createHash } from 'node:crypto';

const MASK64 = (1n << 64n) - 1n;

/**
 * The shard (0 … `shardCount - 1`) a sweep lives on, by jump consistent hashing (Lamping & Veach) of a SHA-256 of
 * its id: every process computes the same shard from the id alone, with no lookup table, and adding a shard at the
 * end moves only the sweeps that land on the new one (about 1/n), never between old shards.
 *
 * @example
 * const url = shards[shardIndex(sweepId, shards.length)];
 */
export function shardIndex(sweepId: string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError('shardCount must be a positive integer');
  let key = createHash('sha256').update(sweepId).digest().readBigUInt64BE(0);
  let bucket = -1;
  let next = 0;
  while (next < shardCount) {
    bucket = next;
    key = (key * 2862933555777941757n + 1n) & MASK64;
    next = Math.floor((bucket + 1) * (2 ** 31 / Number((key >> 33n) + 1n)));
  }
  return bucket;
}
