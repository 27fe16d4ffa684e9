import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBarCsv } from '../../src/bench/parse-bar-csv.js';
import type { BarSeries } from '../../src/data/bar-series.js';

/** Loads one of the repository's bundled sample files. */
export function loadSample(file: string, symbol: string, interval = '1d'): BarSeries {
  const path = fileURLToPath(new URL(`../../../../data/samples/${file}`, import.meta.url));
  return parseBarCsv(readFileSync(path, 'utf8'), symbol, interval);
}
