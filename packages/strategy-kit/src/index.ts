export { loadSampleSeries } from './load-sample-series.js';
export { type ScaffoldedStrategy, scaffoldStrategy } from './scaffold-strategy.js';
