import { Worker } from 'node:worker_threads';
import type { BarSeries } from '@fleet/engine';
import { runBacktest } from '@fleet/engine';
import { readBarsFile } from '@fleet/market-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { lockdownEngineThread } from './lockdown-engine-thread.js';

/** One bundle to load in the thread, and optionally one run of a strategy afterwards. */
interface Step {
  readonly source?: string;
  /** An export that is a promise, awaited after loading. */
  readonly awaitExport?: string;
  readonly run?: { strategy: string; params?: Record<string, number> };
}

/** What a step gave: the bundle's export names and the run's result, or the error either one threw. */
type StepOutcome =
  | { ok: true; exports?: string[]; awaited?: unknown; finalEquity?: string; fills?: number }
  | { ok: false; name: string; code?: string; message: string };

// The thread is what production runs: the built package in a worker thread of its own (lockdown is thread-wide).
const dist = (path: string) => new URL(`../../${path}`, import.meta.url).href;
const threadScript = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { steps, series, lockdownFirst } = workerData;
  if (lockdownFirst) (await import(workerData.lockdownUrl)).lockdownEngineThread();
  const engine = await import(workerData.engineUrl);
  const sandbox = await import(workerData.sandboxUrl);
  const outcomes = [];
  for (const step of steps) {
    try {
      const outcome = { ok: true };
      if (step.source !== undefined) {
        const exports = await sandbox.loadStrategyInCompartment(step.source);
        outcome.exports = Object.keys(exports).sort();
        if (step.awaitExport) outcome.awaited = await exports[step.awaitExport];
      }
      if (step.run) {
        const result = engine.runBacktest(series, { ...workerData.config, strategy: step.run.strategy, params: step.run.params ?? {} });
        Object.assign(outcome, { finalEquity: result.finalEquity, fills: result.fills });
      }
      outcomes.push(outcome);
    } catch (error) {
      outcomes.push({ ok: false, name: error.name, code: error.code, message: error.message });
    }
  }
  return outcomes;
})().then((outcomes) => parentPort.postMessage(outcomes), (error) => parentPort.postMessage(String(error.stack)));
`;

const config = {
  cash: '100000',
  sizing: { kind: 'units', units: 100 },
  commission: { kind: 'percent', rate: '0.001' },
} as const;
let series: BarSeries;

function inEngineThread(steps: readonly Step[], lockdownFirst = false): Promise<StepOutcome[]> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(threadScript, {
      eval: true,
      workerData: {
        steps,
        series,
        config,
        lockdownFirst,
        engineUrl: dist('engine/dist/index.js'),
        sandboxUrl: dist('strategy-sandbox/dist/index.js'),
        lockdownUrl: dist('strategy-sandbox/dist/lockdown-engine-thread.js'),
      },
    });
    thread.once('message', (outcomes: StepOutcome[] | string) => {
      void thread.terminate();
      if (typeof outcomes === 'string') reject(new Error(outcomes));
      else resolve(outcomes);
    });
    thread.once('error', reject);
  });
}

/** sma_cross as a strategy bundle would carry it: the built-in's rule, written against the public API and zod. */
const smaCrossBundle = `import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';
export const smaCrossBundle = defineStrategy({
  name: 'sma_cross_bundle',
  description: 'sma_cross, from a bundle',
  params: z
    .strictObject({ fast: z.number().int().min(1).default(10), slow: z.number().int().min(1).default(30) })
    .refine((p) => p.fast < p.slow, { error: 'must be less than slow', path: ['fast'] }),
  paramDocs: { fast: 'fast period', slow: 'slow period' },
  create({ fast, slow }, setup) {
    const fastLine = setup.sma(fast);
    const slowLine = setup.sma(slow);
    let lastNonZero = Number.NaN;
    return {
      onBar(ctx) {
        const f = fastLine.at(0);
        const s = slowLine.at(0);
        if (Number.isNaN(s) || Number.isNaN(f)) return;
        if (ctx.position === 0) {
          if (lastNonZero < 0 && f > s) ctx.buy();
        } else if (ctx.position > 0 && lastNonZero > 0 && f < s) {
          ctx.close();
        }
        const difference = f - s;
        if (difference !== 0 || Number.isNaN(lastNonZero)) lastNonZero = difference;
      },
    };
  },
});
registerStrategy(smaCrossBundle);
`;

/** A bundle whose strategy runs `body` in onBar, to show what a strategy cannot reach while it trades. */
const probeBundle = (name: string, body: string) => `import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';
registerStrategy(defineStrategy({
  name: '${name}', description: 'probe', params: z.strictObject({}), paramDocs: {},
  create: () => ({ onBar(ctx) { ${body} } }),
}));
`;

beforeAll(async () => {
  const { bars } = await readBarsFile(new URL('../../../data/samples/orcl-1995-2014.csv', import.meta.url).pathname);
  const column = (pick: (bar: (typeof bars)[number]) => string | number) =>
    Float64Array.from(bars, (bar) => Number(pick(bar)));
  series = {
    symbol: 'ORCL',
    interval: '1d',
    length: bars.length,
    time: column((b) => b.time),
    open: column((b) => b.open),
    high: column((b) => b.high),
    low: column((b) => b.low),
    close: column((b) => b.close),
    volume: column((b) => b.volume),
  };
});

describe('loadStrategyInCompartment', () => {
  it('loads a bundle that registers a strategy, which then runs exactly as the built-in it copies', async () => {
    const builtin = runBacktest(series, { ...config, strategy: 'sma_cross', params: { fast: 10, slow: 30 } });
    const [loaded, run, refused] = await inEngineThread([
      { source: smaCrossBundle, run: { strategy: 'sma_cross_bundle', params: { fast: 10, slow: 30 } } },
      { run: { strategy: 'sma_cross', params: { fast: 10, slow: 30 } } },
      { run: { strategy: 'sma_cross_bundle', params: { fast: 30, slow: 10 } } },
    ]);
    expect(loaded).toEqual({ ok: true, exports: ['smaCrossBundle'], finalEquity: builtin.finalEquity, fills: 195 });
    expect(run, 'the thread’s own engine still works after lockdown').toMatchObject({
      finalEquity: builtin.finalEquity,
    });
    expect(refused, 'the bundle’s zod schema, built inside the compartment, still refuses').toMatchObject({
      ok: false,
      name: 'ConfigError',
      message: expect.stringContaining('sma_cross_bundle.fast: must be less than slow'),
    });
  });

  it('fails a bundle that reaches for process, require, import(), fetch or the host’s Function, and the thread goes on', async () => {
    // Each attempt, and the reason it must fail for: the name is not there, or leads only back into the compartment.
    const attempts: Record<string, [source: string, reason: string]> = {
      process: ['export const exit = process.exit;', "reading 'exit'"],
      globalProcess: ['export const pid = globalThis.process.pid;', "reading 'pid'"],
      require: ["export const fs = require('node:fs');", 'require is not a function'],
      staticImport: [
        "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;",
        "import 'node:fs' is not allowed: a strategy may import only @fleet/engine and zod",
      ],
      fetch: ["export const page = fetch('http://127.0.0.1:9/');", 'fetch is not a function'],
      hostFunction: [
        "export const p = ({}).constructor.constructor('return process')();",
        'Function.prototype.constructor is not a valid constructor',
      ],
      compartmentFunction: ["export const pid = Function('return process')().pid;", "reading 'pid'"],
      timers: ['export const timer = setTimeout(() => {}, 0);', 'setTimeout is not a function'],
      randomness: ['export const r = Math.random();', 'secure mode %SharedMath%.random() throws'],
      throws: ["throw new Error('boom at load');", 'boom at load'],
      syntax: ['export const = 1;', 'Unexpected token'],
    };
    const outcomes = await inEngineThread([
      ...Object.values(attempts).map(([source]) => ({ source })),
      { source: smaCrossBundle, run: { strategy: 'sma_cross_bundle' } },
    ]);
    for (const [i, [name, [, reason]]] of Object.entries(attempts).entries()) {
      expect(outcomes[i], name).toMatchObject({
        ok: false,
        name: 'StrategyLoadError',
        code: 'STRATEGY_LOAD_FAILED',
        message: expect.stringMatching(/^strategy bundle failed to load: /),
      });
      expect((outcomes[i] as { message: string }).message, name).toContain(reason);
    }
    expect(outcomes.at(-1), 'a good bundle still loads and runs in the same thread').toMatchObject({
      ok: true,
      fills: 195,
    });
  });

  it('still loads a bundle whose own top-level names clash with the globals it binds for speed', async () => {
    const [own, imported] = await inEngineThread([
      { source: 'const Map = 41;\nexport const answer = Map + 1;' },
      { source: "import { z as Math } from 'zod';\nexport const schema = Math.number().parse(1);" },
    ]);
    expect(own).toEqual({ ok: true, exports: ['answer'] });
    expect(imported).toEqual({ ok: true, exports: ['schema'] });
  });

  it('resolves a dynamic import() through the same two-module map, so it is refused too', async () => {
    const source = `export const fs = import('node:' + 'fs').then(() => 'imported', (error) => \`refused: \${error.message}\`);`;
    const [outcome] = await inEngineThread([{ source, awaitExport: 'fs' }]);
    expect(outcome).toMatchObject({
      ok: true,
      awaited: expect.stringMatching(/^refused: .*import 'node:fs' is not allowed/),
    });
  });

  it('confines the strategy while it trades: the objects the engine hands it lead to no host authority', async () => {
    const probes = {
      escape_via_ctx: "ctx.buy.constructor('return process')().exit(3);",
      escape_via_bars: "ctx.bars.close.at.constructor('return globalThis.process')().exit(3);",
      clock: 'Date.now();',
    };
    const outcomes = await inEngineThread(
      Object.entries(probes).map(([name, body]) => ({ source: probeBundle(name, body), run: { strategy: name } })),
    );
    for (const [i, name] of Object.keys(probes).entries()) {
      expect(outcomes[i], name).toMatchObject({ ok: false });
      expect((outcomes[i] as { name: string }).name, name).not.toBe('StrategyLoadError');
    }
    expect(outcomes[2], 'a run must not depend on when it runs').toMatchObject({
      message: 'secure mode Calling %SharedDate%.now() throws',
    });
  });

  it('lets decimal.js and zod load after lockdown, so an engine thread may lock down before importing the engine', async () => {
    const builtin = runBacktest(series, { ...config, strategy: 'sma_cross', params: { fast: 10, slow: 30 } });
    const [run, loaded] = await inEngineThread(
      [{ run: { strategy: 'sma_cross', params: { fast: 10, slow: 30 } } }, { source: smaCrossBundle }],
      true,
    );
    expect(run).toEqual({ ok: true, finalEquity: builtin.finalEquity, fills: builtin.fills });
    expect(loaded).toEqual({ ok: true, exports: ['smaCrossBundle'] });
  });

  it('refuses to lock down a process’s main thread, where a worker’s queue and database clients run', () => {
    expect(() => lockdownEngineThread()).toThrow('lockdown must run in an engine thread, never on the main thread');
  });
});
