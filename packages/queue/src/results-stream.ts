import { RESULTS_GROUP, RESULTS_STREAM, RunOutcome, TraceCarrier } from '@fleet/contracts';
import { z } from 'zod';
import type { RedisClient as Redis } from './redis-client.js';

/** The stream key of run outcomes under a deployment prefix. */
export function resultsStreamKey(prefix: string): string {
  return `${prefix}:${RESULTS_STREAM}`;
}

/**
 * Publishes the outcomes of one job as one stream entry. A worker publishes before it completes the job; if it dies
 * in between, the job runs again and publishes again, and the aggregator's unique key absorbs the repeat. `trace`
 * goes in a field of its own, so the aggregator's batch span can join the job's trace.
 */
export async function publishOutcomes(
  redis: Redis,
  prefix: string,
  outcomes: readonly RunOutcome[],
  trace?: TraceCarrier,
): Promise<string> {
  const traceField = trace ? ['trace', JSON.stringify(trace)] : [];
  const id = await redis.xadd(resultsStreamKey(prefix), '*', 'outcomes', JSON.stringify(outcomes), ...traceField);
  if (!id) throw new Error('XADD returned no id');
  return id;
}

/** One entry read from the results stream; `outcomes` holds only the outcomes that passed validation. */
export interface ResultsEntry {
  id: string;
  outcomes: RunOutcome[];
  /** Why the entry (or part of it) was unreadable; such content is dropped, and reconciliation re-runs those runs. */
  invalid?: string;
  /** The trace context of the job that published the entry; a malformed one is ignored, never fatal. */
  trace?: TraceCarrier;
}

function parseTrace(fields: string[]): TraceCarrier | undefined {
  const at = fields.indexOf('trace');
  if (at < 0 || at % 2 !== 0) return undefined;
  try {
    const parsed = TraceCarrier.safeParse(JSON.parse(fields[at + 1] ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const EntryOutcomes = z.array(z.unknown());

function parseEntry(id: string, fields: string[]): ResultsEntry {
  const raw = fields[fields.indexOf('outcomes') + 1];
  const trace = parseTrace(fields);
  const traced = trace ? { trace } : {};
  let items: unknown[];
  try {
    items = EntryOutcomes.parse(JSON.parse(raw ?? ''));
  } catch (error) {
    return {
      id,
      outcomes: [],
      invalid: `entry ${id} is not a JSON array of outcomes: ${(error as Error).message}`,
      ...traced,
    };
  }
  const outcomes: RunOutcome[] = [];
  const problems: string[] = [];
  for (const item of items) {
    const parsed = RunOutcome.safeParse(item);
    if (parsed.success) outcomes.push(parsed.data);
    else problems.push(z.prettifyError(parsed.error));
  }
  return problems.length
    ? { id, outcomes, invalid: `entry ${id}: ${problems.join('; ')}`, ...traced }
    : { id, outcomes, ...traced };
}

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

/**
 * The aggregator's side of the results stream: a consumer group gives each entry to one aggregator, entries stay
 * pending until acknowledged, and pending entries of a crashed aggregator are claimed by another after `claimIdleMs`.
 */
export class ResultsConsumer {
  private readonly key: string;
  private ownPendingDrained = false;
  /** Where the own-pending drain resumes: entries up to here are already handed out (and may still be buffered). */
  private ownPendingAfter = '0';

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly consumer: string,
    private readonly options: { claimIdleMs: number } = { claimIdleMs: 30_000 },
  ) {
    this.key = resultsStreamKey(prefix);
  }

  /** Creates the stream and the group if they do not exist; safe to call from every aggregator on start-up. */
  async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.key, RESULTS_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }

  /**
   * Reads up to `count` entries: first this consumer's own unacknowledged ones (left by a previous life of the same
   * consumer), then entries idle too long at other consumers, then new ones, waiting up to `blockMs`.
   */
  async read(count: number, blockMs: number): Promise<ResultsEntry[]> {
    if (!this.ownPendingDrained) {
      const own = (await this.redis.xreadgroup(
        'GROUP',
        RESULTS_GROUP,
        this.consumer,
        'COUNT',
        count,
        'STREAMS',
        this.key,
        this.ownPendingAfter,
      )) as StreamReply;
      const entries = own?.[0]?.[1] ?? [];
      const last = entries.at(-1);
      // Reading from '0' again would hand out the same entries while the caller still buffers them unacknowledged,
      // storing them twice and counting the repeat as a redelivery.
      if (last) {
        this.ownPendingAfter = last[0];
        return entries.map(([id, fields]) => parseEntry(id, fields));
      }
      this.ownPendingDrained = true;
    }
    const [, claimed] = (await this.redis.xautoclaim(
      this.key,
      RESULTS_GROUP,
      this.consumer,
      this.options.claimIdleMs,
      '0-0',
      'COUNT',
      count,
    )) as [string, [string, string[] | null][]];
    const live = claimed.filter((c): c is [string, string[]] => c[1] !== null);
    if (live.length > 0) return live.map(([id, fields]) => parseEntry(id, fields));
    const fresh = (await this.redis.xreadgroup(
      'GROUP',
      RESULTS_GROUP,
      this.consumer,
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.key,
      '>',
    )) as StreamReply;
    return (fresh?.[0]?.[1] ?? []).map(([id, fields]) => parseEntry(id, fields));
  }

  /** Acknowledges and deletes entries; call only after their rows are committed. */
  async acknowledge(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.redis
      .multi()
      .xack(this.key, RESULTS_GROUP, ...ids)
      .xdel(this.key, ...ids)
      .exec();
  }
}
