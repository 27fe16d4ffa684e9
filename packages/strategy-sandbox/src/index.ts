export { loadStrategyInCompartment } from './load-strategy-in-compartment.js';
export { lockdownEngineThread } from './lockdown-engine-thread.js';
export { StrategyLoadError } from './strategy-load-error.js';
