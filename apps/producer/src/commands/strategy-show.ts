import type { CliContext } from '../cli-context.js';
import { printResult } from '../print-result.js';
import { listedStrategies, originOf } from './strategy-list.js';

/**
 * `fleet strategy show NAME|HASH`: one strategy with its parameters and, for a strategy file, its source. A hash (or a
 * prefix of at least 4 hex digits) names a stored bundle; a name names a built-in or plugin, else the newest stored
 * file that defines it.
 */
export async function strategyShow(ctx: CliContext, target: string, options: { json?: boolean }): Promise<void> {
  const byHash = /^[0-9a-f]{4,64}$/i.test(target);
  const candidates = await listedStrategies(ctx, {
    withSource: true,
    limit: byHash ? 2 : 100,
    ...(byHash ? { prefix: target } : {}),
  });
  const matches = byHash
    ? candidates.filter((s) => s.bundle?.startsWith(target.toLowerCase()))
    : candidates.filter((s) => s.name === target);
  const bundles = new Set(matches.map((s) => s.bundle));
  if (matches.length === 0) throw new Error(`no strategy or stored strategy file '${target}'; see fleet strategy list`);
  if (byHash && bundles.size > 1) throw new Error(`'${target}' names more than one stored bundle; give more digits`);
  const shown = byHash ? matches : [matches[0] as (typeof matches)[number]];
  printResult(options.json === true, { strategies: shown }, () =>
    shown
      .map((s) =>
        [
          `${s.name} (${originOf(s)})`,
          s.error ? `cannot load: ${s.error}` : s.description,
          ...Object.entries(s.params).map(([name, doc]) => `  ${name}: ${doc}`),
          ...(s.bundle ? [`bundle ${s.bundle}, stored ${s.storedAt}`] : []),
          ...(s.source ? ['', s.source.trimEnd()] : []),
        ].join('\n'),
      )
      .join('\n\n'),
  );
}
