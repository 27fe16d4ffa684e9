// Times PBO by CSCV for groups of synthetic noise trials (1,000 and 100,000 by default, or the counts given as
// arguments): `npm run bench:pbo`. Prints one line per size, then one JSON line with every measurement. CPU time is
// printed beside wall time because the machine may be shared: wall time then measures the neighbours too.
import { performance } from 'node:perf_hooks';
import { blockStats, probabilityOfBacktestOverfitting } from '@fleet/validation';
import { seededNormals } from '../test/seeded-normals.js';

const BARS = 16 * 63;

function noiseTrials(count: number): Float64Array[] {
  const normal = seededNormals(count);
  const returns = new Float64Array(BARS);
  return Array.from({ length: count }, () => {
    for (let i = 0; i < BARS; i++) returns[i] = 0.01 * normal();
    return blockStats(returns);
  });
}

const sizes = process.argv.slice(2).map(Number);
const results: { trials: number; seconds: number; cpuSeconds: number; pbo: number; medianLogit: number }[] = [];
for (const trials of sizes.length > 0 ? sizes : [1_000, 100_000]) {
  const stats = noiseTrials(trials);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = probabilityOfBacktestOverfitting(stats);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  results.push({ trials, seconds, cpuSeconds, pbo: result.pbo, medianLogit: result.medianLogit });
  console.log(
    `PBO of ${trials.toLocaleString('en-US')} trials × 12,870 splits: ${seconds.toFixed(3)} s wall, ` +
      `${cpuSeconds.toFixed(3)} s CPU (${((trials * 12_870) / cpuSeconds / 1e6).toFixed(0)} M trial-splits per CPU s), ` +
      `PBO ${result.pbo.toFixed(3)}`,
  );
}
console.log(JSON.stringify({ bench: 'pbo', bars: BARS, node: process.version, results }));
