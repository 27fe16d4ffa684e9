import { Worker } from 'node:worker_threads';
import { StrategyLoadFailedError } from './strategy-load-failed-error.js';

/** What a strategy of a bundle declares, as plain data: what the CLI lists and what a sweep is checked against. */
export interface BundledStrategyInfo {
  name: string;
  description: string;
  /** Human description per parameter. */
  params: Record<string, string>;
  /** What the schema says of each parameter alone (integer or real, bounds). */
  paramRules: Record<
    string,
    { integer: boolean; minimum?: number; exclusiveMinimum?: number; maximum?: number; exclusiveMaximum?: number }
  >;
  /** Whether it is a portfolio strategy: it runs once over a universe of series, not once per symbol. */
  portfolio: boolean;
}

/** What the inspection thread is given. */
export interface InspectionTask {
  bundles: readonly { hash: string; code: string }[];
  bundleDir: string;
}

/** What the inspection thread answers, per bundle in order: its strategies, or why it cannot be loaded. */
export type InspectionReport = (
  | { hash: string; strategies: BundledStrategyInfo[] }
  | { hash: string; error: string }
)[];

/**
 * Loads strategy bundles on a thread of their own, with a deadline, and reports what each defines: the submit checks a
 * sweep against it, `fleet strategy list` shows it. The bundles' code runs only on that thread, so one that hangs or
 * kills its thread cannot hang or kill the CLI; it is refused.
 *
 * @throws {@link StrategyLoadFailedError} naming the file of the first bundle that throws, defines nothing or is late
 * @example
 * const [{ strategies }] = await inspectStrategyBundles([{ hash, code, fileName: 'momentum.ts' }], { bundleDir });
 */
export async function inspectStrategyBundles(
  bundles: readonly { hash: string; code: string; fileName: string }[],
  options: { bundleDir: string; timeoutMs?: number },
): Promise<{ hash: string; strategies: BundledStrategyInfo[] }[]> {
  if (bundles.length === 0) return [];
  const task: InspectionTask = {
    bundles: bundles.map(({ hash, code }) => ({ hash, code })),
    bundleDir: options.bundleDir,
  };
  const thread = new Worker(new URL('./inspection-thread.js', import.meta.url), { workerData: task });
  const timeoutMs = options.timeoutMs ?? 5_000;
  const report = await new Promise<InspectionReport | string>((resolve) => {
    const timer = setTimeout(() => resolve(`took longer than ${timeoutMs} ms to load`), timeoutMs);
    thread.once('message', (m: InspectionReport) => {
      clearTimeout(timer);
      resolve(m);
    });
    thread.once('error', (error) => {
      clearTimeout(timer);
      resolve(`crashed its thread while loading: ${error.message}`);
    });
    thread.once('exit', (code) => {
      clearTimeout(timer);
      resolve(`exited its thread while loading (code ${code})`);
    });
  });
  await thread.terminate();
  const name = (hash: string) => bundles.find((b) => b.hash === hash)?.fileName ?? hash;
  if (typeof report === 'string')
    throw new StrategyLoadFailedError(`${bundles.map((b) => b.fileName).join(', ')}: ${report}`);
  return report.map((entry) => {
    if ('error' in entry) throw new StrategyLoadFailedError(`${name(entry.hash)}: ${entry.error}`);
    return entry;
  });
}
