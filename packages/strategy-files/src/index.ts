export { bundleStrategyFile } from './bundle-strategy-file.js';
export { BundleTooLargeError } from './bundle-too-large-error.js';
export { ForbiddenImportError } from './forbidden-import-error.js';
export { MAX_BUNDLE_BYTES, type StrategyBundle } from './strategy-bundle.js';
export { StrategyFileError } from './strategy-file-error.js';
