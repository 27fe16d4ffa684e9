export { readBarsFile } from './read-bars-file.js';
export { streamBarsFile } from './stream-bars-file.js';
export { symbolFromFileName } from './symbol-from-file-name.js';
export { synthesizeBars } from './synthesize-bars.js';
