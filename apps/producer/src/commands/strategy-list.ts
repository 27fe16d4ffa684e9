import { shortBundleHash } from '@fleet/contracts';
import { listStrategyBundles } from '@fleet/db';
import { listStrategies } from '@fleet/engine';
import { inspectStrategyBundles } from '@fleet/runner';
import type { CliContext } from '../cli-context.js';
import { formatTable, printResult } from '../print-result.js';

/** One strategy a sweep can name, as `fleet strategy list` and `show` print it. */
export interface ListedStrategy {
  name: string;
  description: string;
  params: Record<string, string>;
  /** For a strategy of a stored file: the file, its bundle hash and when it was stored. */
  file?: string;
  bundle?: string;
  storedAt?: string;
  /** Why a stored bundle could not be loaded to list what it defines. */
  error?: string;
  source?: string;
}

/**
 * The built-in and plugin strategies, then those of the most recent stored bundles (newest first), each bundle loaded
 * on a thread of its own to learn what it defines: a bundle that no longer loads is listed with its error.
 */
export async function listedStrategies(
  ctx: CliContext,
  options: { prefix?: string; limit?: number; withSource?: boolean } = {},
): Promise<ListedStrategy[]> {
  const listed: ListedStrategy[] = listStrategies().map((s) => ({
    name: s.name,
    description: s.description,
    params: { ...s.params },
  }));
  const bundles = await listStrategyBundles(ctx.db, { prefix: options.prefix ?? '', limit: options.limit ?? 20 });
  for (const b of bundles) {
    const stored = {
      file: b.fileName,
      bundle: b.hash,
      storedAt: b.createdAt.toISOString(),
      ...(options.withSource ? { source: b.source } : {}),
    };
    try {
      const [inspected] = await inspectStrategyBundles([{ hash: b.hash, code: b.bundle, fileName: b.fileName }], {
        bundleDir: ctx.env.FLEET_BUNDLE_DIR,
      });
      for (const s of inspected?.strategies ?? [])
        listed.push({ name: s.name, description: s.description, params: s.params, ...stored });
    } catch (error) {
      listed.push({ name: '?', description: '', params: {}, ...stored, error: (error as Error).message });
    }
  }
  return listed;
}

/** A strategy's origin for a table cell: `built-in`, or the file and short hash of its bundle. */
export const originOf = (s: ListedStrategy): string =>
  s.bundle ? `${s.file}@${shortBundleHash(s.bundle)}` : 'built-in or plugin';

/** `fleet strategy list`: every strategy a sweep can name, with its parameters and their docs. */
export async function strategyList(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const strategies = await listedStrategies(ctx);
  printResult(options.json === true, { strategies }, () =>
    formatTable(
      ['strategy', 'from', 'parameters', 'description'],
      strategies.map((s) => [
        s.name,
        originOf(s),
        Object.entries(s.params)
          .map(([name, doc]) => `${name}: ${doc}`)
          .join('; '),
        s.error ?? s.description,
      ]),
    ),
  );
}
