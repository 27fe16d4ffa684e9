/**
 * Version of the engine's results. Bump it whenever the same bars and config could produce a different result,
 * so stored results from an older engine are never mixed with new ones.
 */
export const ENGINE_VERSION = '1.1.0';
