export { bundleStrategyFile } from './bundle-strategy-file.js';
export type { StrategyBundle } from './strategy-bundle.js';
