import { z } from 'zod';
import { type SettingName, SettingNames, SettingTable } from './setting-table.js';

type SettingValue<K extends SettingName> = z.output<(typeof SettingTable)[K]['value']>;

/**
 * A run's settings: each {@link SettingTable} key that is given, with its value in canonical form (decimals as
 * strings). After {@link resolveSettings} every setting with a default is present and each group has exactly one
 * member, so two runs with equal settings objects are configured identically.
 */
export type BacktestSettings = { [K in SettingName]?: SettingValue<K> };

/** Why a set of given setting keys cannot go together, each problem naming the key it is refused at. */
export function settingConflicts(keys: readonly string[]): { key: SettingName; message: string }[] {
  const given = new Set(keys);
  const conflicts: { key: SettingName; message: string }[] = [];
  const seen = new Map<string, SettingName>();
  for (const key of SettingNames) {
    if (!given.has(key)) continue;
    const group = (SettingTable[key] as { group?: string }).group;
    if (group === undefined) continue;
    const first = seen.get(group);
    if (first === undefined) seen.set(group, key);
    else conflicts.push({ key, message: `give only one ${group} setting: ${first} and ${key} exclude each other` });
  }
  if (given.has('commissionMin') && given.has('commissionFixed'))
    conflicts.push({
      key: 'commissionMin',
      message: 'a minimum applies to commission or commissionPerShare, not to commissionFixed',
    });
  return conflicts;
}

/** Adds a zod issue at each key {@link settingConflicts} refuses. */
export function refuseSettingConflicts(keys: readonly string[], ctx: z.RefinementCtx, path: PropertyKey[] = []): void {
  for (const { key, message } of settingConflicts(keys))
    ctx.addIssue({ code: 'custom', path: [...path, key], message });
}

const shape = Object.fromEntries(SettingNames.map((key) => [key, SettingTable[key].value.optional()])) as {
  [K in SettingName]: z.ZodOptional<(typeof SettingTable)[K]['value']>;
};

/** The zod shape of every setting, each optional: what a sweep file or a job may give. */
export const settingShape = shape;

/**
 * Settings as a job carries them and as `fleet backtest` takes them, checked against the table's bounds and for
 * contradictions (two sizing rules, two commission models, a minimum on a fixed commission).
 */
export const BacktestSettings = z.strictObject(shape).superRefine((s, ctx) =>
  refuseSettingConflicts(
    Object.keys(s).filter((k) => s[k as SettingName] !== undefined),
    ctx,
  ),
) as unknown as z.ZodType<BacktestSettings, { [K in SettingName]?: string | number }>;

function groupOf(key: string): string | undefined {
  return (SettingTable[key as SettingName] as { group?: string } | undefined)?.group;
}

/**
 * `over` on top of `base`: each setting `over` gives replaces the base's, and a group member replaces the whole
 * group, so a strategy's `sizePercent` overrides a sweep's `size` instead of contradicting it.
 *
 * @example
 * mergeSettings({ size: 100, commission: '0.001' }, { sizePercent: 10 }); // { commission: '0.001', sizePercent: 10 }
 */
export function mergeSettings<T extends Readonly<Record<string, unknown>>>(
  base: T,
  over: Readonly<Record<string, unknown>>,
): T {
  const groups = new Set(
    Object.keys(over)
      .map(groupOf)
      .filter((g) => g !== undefined),
  );
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) {
    const group = groupOf(key);
    if (group === undefined || !groups.has(group)) merged[key] = value;
  }
  for (const [key, value] of Object.entries(over)) if (value !== undefined) merged[key] = value;
  return merged as T;
}

/**
 * The complete settings of a run from the ones given: defaults added (a group's default only when none of its
 * members is given), bounds and contradictions checked, keys in table order. This canonical object is what the
 * engine mapping reads and what a run's identity hashes.
 *
 * @throws z.ZodError naming the refused key
 * @example
 * resolveSettings({ commission: 0.001 }); // commission '0.001' with the default cash, size, slippage and rate
 */
export function resolveSettings(given: Readonly<Record<string, unknown>>): BacktestSettings {
  const present = Object.keys(given).filter((k) => given[k] !== undefined);
  const groups = new Set(present.map(groupOf));
  const withDefaults: Record<string, unknown> = {};
  for (const key of SettingNames) {
    const definition = SettingTable[key] as { default?: unknown; group?: string };
    if (given[key] !== undefined) withDefaults[key] = given[key];
    else if (definition.default !== undefined && (definition.group === undefined || !groups.has(definition.group)))
      withDefaults[key] = definition.default;
  }
  for (const key of present) if (!(key in withDefaults)) withDefaults[key] = given[key];
  return BacktestSettings.parse(withDefaults);
}
