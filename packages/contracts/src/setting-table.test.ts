import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SettingNames, SettingTable } from './setting-table.js';

describe('the README documents every setting', () => {
  it('lists the settings table exactly as SettingTable defines it', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const documented = /<!-- settings-table:start -->\n([\s\S]*?)\n<!-- settings-table:end -->/.exec(readme)?.[1];
    const rows = SettingNames.map((key) => {
      const s = SettingTable[key] as (typeof SettingTable)[typeof key] & { default?: unknown; group?: string };
      const fallback = [s.default === undefined ? '' : `\`${s.default}\``, s.group ? `(${s.group})` : '']
        .filter(Boolean)
        .join(' ');
      return `| \`${key}\` | \`${s.flag} ${s.placeholder}\` | ${s.description} | ${fallback} |`.replace('|  |', '| |');
    });
    const expected = [
      '| sweep-file key | `fleet backtest` flag | meaning | default |',
      '| --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
    expect(documented, 'README.md settings table (regenerate it from SettingTable)').toBe(expected);
  });
});
