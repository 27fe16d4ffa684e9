export { loadStrategyModules } from './plugins/load-strategy-modules.js';
