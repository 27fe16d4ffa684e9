/** Names that cannot be, or need not be, a `const` of the module: strict mode forbids `eval`; these are constants. */
const unbindable = new Set(['eval', 'undefined', 'NaN', 'Infinity', 'globalThis']);

/**
 * `source` with the compartment's standard globals (`Number`, `Math`, `Array`, …) bound as module constants on its
 * first line, so line numbers stay as they were. In a Compartment every free name a module reads goes through the
 * compartment's scope proxy, on every bar; a module constant is read like any local. `bench:compartment` measured the
 * proxy lookups as the Compartment's cost beyond lockdown's. A global the code reassigns keeps its old value under its
 * plain name, which no strategy needs.
 *
 * @example
 * boundGlobalsSource('export const n = Number.isNaN(x);', ['Number', 'Math']);
 * // 'const { Number, Math } = globalThis; export const n = Number.isNaN(x);'
 */
export function boundGlobalsSource(source: string, globalNames: readonly string[]): string {
  const names = globalNames.filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && !unbindable.has(name));
  return names.length === 0 ? source : `const { ${names.join(', ')} } = globalThis; ${source}`;
}
