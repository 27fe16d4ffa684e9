import { z } from 'zod';
import { type ParamDomain, ParamRange } from './param-domain.js';
import { type SettingName, SettingNames, SettingTable } from './setting-table.js';

/** The value of a swept setting in one run, as parameters are: a plain number (decimal settings too). */
export const AxisValues = z.record(z.string(), z.number().finite());
export type AxisValues = z.infer<typeof AxisValues>;

/**
 * The values one setting takes in a sweep file: one value (the same for every run), or, exactly like a parameter, a
 * list or an inclusive `{from, to, step}` range, which makes the setting an axis of the sweep. Every value is held to
 * the table's bounds; a range's values lie between its ends, so checking both ends checks them all.
 */
function settingDomain<K extends SettingName>(key: K) {
  const one = SettingTable[key].value;
  const axisValue = z
    .union([z.number().finite(), z.string()])
    .superRefine((v, ctx) => {
      const checked = one.safeParse(v);
      if (!checked.success)
        for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    })
    .transform(Number);
  const range = ParamRange.superRefine((r, ctx) => {
    for (const end of ['from', 'to'] as const) {
      const checked = one.safeParse(r[end]);
      if (!checked.success)
        for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: [end], message: issue.message });
    }
    if (key === 'size' && !Number.isInteger(r.step))
      ctx.addIssue({ code: 'custom', path: ['step'], message: 'must be a whole number of units' });
  });
  return z.union([one, z.array(axisValue).min(1, { message: 'a list needs at least one value' }), range]);
}

/** The zod shape of every setting at one level of a sweep file, each optional and each a value, list or range. */
export const settingDomainShape = Object.fromEntries(
  SettingNames.map((key) => [key, settingDomain(key).optional()]),
) as {
  [K in SettingName]: z.ZodOptional<ReturnType<typeof settingDomain<K>>>;
};

/** Whether a setting's domain in a sweep file makes it an axis (a list or a range) rather than one fixed value. */
function isAxis(domain: unknown): domain is ParamDomain {
  return Array.isArray(domain) || (typeof domain === 'object' && domain !== null);
}

/**
 * Splits one strategy's merged settings into those every run shares and those it sweeps.
 *
 * @example
 * splitSettings({ commission: '0.001', stopLoss: [0.02, 0.05] });
 * // { fixed: { commission: '0.001' }, axes: { stopLoss: [0.02, 0.05] } }
 */
export function splitSettings(settings: Readonly<Record<string, unknown>>): {
  fixed: Record<string, unknown>;
  axes: Record<string, ParamDomain>;
} {
  const fixed: Record<string, unknown> = {};
  const axes: Record<string, ParamDomain> = {};
  for (const [key, domain] of Object.entries(settings)) {
    if (domain === undefined) continue;
    if (isAxis(domain)) axes[key] = domain;
    else fixed[key] = domain;
  }
  return { fixed, axes };
}
