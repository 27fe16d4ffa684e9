import { type SettingName, SettingNames, SettingTable } from '@fleet/contracts';
import { InvalidArgumentError, Option } from 'commander';

const toNumber = (text: string): number => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('must be a number');
  return n;
};

/**
 * One commander option per setting of the {@link SettingTable}, so `fleet backtest` offers every setting a sweep file
 * does under the same name (commander camel-cases `--size-percent` back to the `sizePercent` key). Defaults are left
 * to `resolveSettings`, which knows that a group's default applies only when none of its members is given.
 */
export function settingOptions(): Option[] {
  return SettingNames.map((key) => {
    const setting = SettingTable[key];
    const fallback =
      'default' in setting
        ? ` (default: ${setting.default}${'group' in setting ? ` unless another ${setting.group} setting is given` : ''})`
        : '';
    const option = new Option(`${setting.flag} <${setting.placeholder}>`, `${setting.description}${fallback}`);
    return setting.kind === 'number' ? option.argParser(toNumber) : option;
  });
}

/** The flag of a setting key, to name it in a refusal as the user typed it. */
export function flagOf(key: PropertyKey): string | undefined {
  return Object.hasOwn(SettingTable, key) ? SettingTable[key as SettingName].flag : undefined;
}
