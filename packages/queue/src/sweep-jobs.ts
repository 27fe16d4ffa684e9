import type { RunJob } from '@fleet/contracts';
import type { RunQueue } from './run-queue.js';

/** The states in which a job will still run (or is running), by the BullMQ key that holds its id. */
const LIVE_LISTS = ['wait', 'paused', 'active'] as const;
const LIVE_SETS = ['delayed', 'prioritized'] as const;
const PAGE = 10_000;

/** A job of a sweep that is waiting, delayed or running, with the runs it carries. */
export interface LiveSweepJob {
  id: string;
  state: 'active' | 'waiting';
  runIndexes: number[];
}

/**
 * The sweep's jobs that will still run or are running. Reads only job ids from the queue's lists in pages (every job
 * id starts with its sweep id), then the payloads of the matching jobs, so it stays cheap on a busy shared queue.
 */
export async function liveSweepJobs(queue: RunQueue, sweepId: string): Promise<LiveSweepJob[]> {
  const client = await queue.client;
  const prefix = `${sweepId}.`;
  const found: { id: string; state: LiveSweepJob['state'] }[] = [];
  for (const list of LIVE_LISTS) {
    const key = queue.keys[list];
    if (!key) continue;
    for (let start = 0; ; start += PAGE) {
      const ids = await client.lrange(key, start, start + PAGE - 1);
      for (const id of ids)
        if (id.startsWith(prefix)) found.push({ id, state: list === 'active' ? 'active' : 'waiting' });
      if (ids.length < PAGE) break;
    }
  }
  for (const set of LIVE_SETS) {
    const key = queue.keys[set];
    if (!key) continue;
    for (let start = 0; ; start += PAGE) {
      const ids = await client.zrange(key, start, start + PAGE - 1);
      for (const id of ids) if (id.startsWith(prefix)) found.push({ id, state: 'waiting' });
      if (ids.length < PAGE) break;
    }
  }
  const jobs: LiveSweepJob[] = [];
  for (let i = 0; i < found.length; i += 200) {
    const page = found.slice(i, i + 200);
    const loaded = await Promise.all(page.map((f) => queue.getJob(f.id)));
    loaded.forEach((job, j) => {
      const f = page[j] as (typeof page)[number];
      const runs = (job?.data as Partial<RunJob> | undefined)?.runs;
      if (job) jobs.push({ id: f.id, state: f.state, runIndexes: Array.isArray(runs) ? runs.map((r) => r.index) : [] });
    });
  }
  return jobs;
}

/** Removes a sweep's waiting and delayed jobs; running ones are left to finish. Returns how many were removed. */
export async function removeWaitingSweepJobs(queue: RunQueue, sweepId: string): Promise<number> {
  const waiting = (await liveSweepJobs(queue, sweepId)).filter((j) => j.state === 'waiting');
  let removed = 0;
  for (let i = 0; i < waiting.length; i += 200) {
    const results = await Promise.all(waiting.slice(i, i + 200).map((j) => queue.remove(j.id)));
    removed += results.filter((r) => r === 1).length;
  }
  return removed;
}
