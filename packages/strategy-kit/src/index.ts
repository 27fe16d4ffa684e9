export { loadSampleSeries } from './load-sample-series.js';
export { scaffoldStrategy } from './scaffold-strategy.js';
