import { z } from 'zod';

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * A non-negative decimal given as a number or a string; kept as a string so money never becomes a float. `bound`
 * checks the text itself (never a float of it), so `0.99999999999999999999` stays below 1.
 */
function decimal(bound: { test: (text: string) => boolean; message: string } | undefined) {
  const text = z
    .union([z.number().finite(), z.string()])
    .transform((v) => String(v).trim())
    .refine((v) => DECIMAL.test(v), { message: 'must be a non-negative decimal number' });
  return bound ? text.refine(bound.test, { message: bound.message }) : text;
}

const positive = { test: (text: string) => /[1-9]/.test(text), message: 'must be > 0' };
const belowOne = { test: (text: string) => /^0(\.\d+)?$/.test(text), message: 'must be < 1 (a fraction of notional)' };

/** A number in `(min, max]` (or `[min, max]` / `(min, max)` as `closed` says), with the bound named in the message. */
function number(min: number, max: number, closed: 'left' | 'right' | 'open', unit = '') {
  const lo = closed === 'left' ? '>=' : '>';
  const hi = closed === 'right' ? '<=' : '<';
  const inside = (v: number) => (closed === 'left' ? v >= min : v > min) && (closed === 'right' ? v <= max : v < max);
  const bounds = max === Number.POSITIVE_INFINITY ? `${lo} ${min}` : `${lo} ${min} and ${hi} ${max}${unit}`;
  return z
    .number({ message: 'must be a number' })
    .finite()
    .refine(inside, { message: `must be ${bounds}` });
}

/** A group of settings of which a run uses exactly one: one sizing rule, one commission model. */
const SettingGroup = z.enum(['sizing', 'commission']);
type SettingGroup = z.infer<typeof SettingGroup>;

/**
 * One engine setting as every surface sees it: its sweep-file key (the table's key), its `fleet backtest` flag, the
 * type and bounds of one value, its default, and what it becomes in the engine's `BacktestConfig`.
 */
export interface SettingDefinition {
  /** The `fleet backtest` flag. */
  readonly flag: `--${string}`;
  /** The flag's value placeholder in help. */
  readonly placeholder: string;
  /** `decimal` values are exact money or rates, carried as strings; `number` values are plain numbers. */
  readonly kind: 'decimal' | 'number';
  /** One value, with its bounds; refusals name the key. */
  readonly value: z.ZodType<string | number, string | number>;
  /** The value a run uses when none is given; for a group member, only when no member of its group is given. */
  readonly default?: string | number;
  /** Settings of one group exclude each other. */
  readonly group?: SettingGroup;
  /** What it means, as the README and `--help` say it. */
  readonly description: string;
  /** The `BacktestConfig` field it sets, as documentation of the runner's mapping. */
  readonly engine: string;
}

/**
 * Every engine setting a sweep file or `fleet backtest` can give, defined once: the sweep-file schema, the CLI's
 * options, the README's table, the run's identity and the mapping to the engine's config are all derived from it.
 * Adding a setting is one entry here plus its line in the runner's engine mapping (which the compiler demands).
 */
export const SettingTable = {
  cash: {
    flag: '--cash',
    placeholder: 'C',
    kind: 'decimal',
    value: decimal(positive),
    default: '100000',
    description: 'starting cash',
    engine: 'cash',
  },
  size: {
    flag: '--size',
    placeholder: 'N',
    kind: 'number',
    value: z.number({ message: 'must be a number' }).int({ message: 'must be a whole number of units' }).positive(),
    default: 100,
    group: 'sizing',
    description: 'fixed units per entry',
    engine: "sizing: { kind: 'units', units }",
  },
  sizePercent: {
    flag: '--size-percent',
    placeholder: 'P',
    kind: 'number',
    value: number(0, 100, 'right'),
    group: 'sizing',
    description: 'P percent of equity per entry, in whole units',
    engine: "sizing: { kind: 'percent_equity', percent }",
  },
  sizeCash: {
    flag: '--size-cash',
    placeholder: 'C',
    kind: 'decimal',
    value: decimal(positive),
    group: 'sizing',
    description: 'C of cash per entry, in whole units',
    engine: "sizing: { kind: 'cash', amount }",
  },
  commission: {
    flag: '--commission',
    placeholder: 'R',
    kind: 'decimal',
    value: decimal(belowOne),
    default: '0',
    group: 'commission',
    description: 'commission as a fraction of notional per fill, e.g. 0.001 = 0.1 %',
    engine: "commission: { kind: 'percent', rate }",
  },
  commissionPerShare: {
    flag: '--commission-per-share',
    placeholder: 'A',
    kind: 'decimal',
    value: decimal(undefined),
    group: 'commission',
    description: 'commission per unit per fill',
    engine: "commission: { kind: 'per_share', amount }",
  },
  commissionFixed: {
    flag: '--commission-fixed',
    placeholder: 'A',
    kind: 'decimal',
    value: decimal(undefined),
    group: 'commission',
    description: 'commission per fill',
    engine: "commission: { kind: 'fixed', amount }",
  },
  commissionMin: {
    flag: '--commission-min',
    placeholder: 'M',
    kind: 'decimal',
    value: decimal(undefined),
    description: 'minimum commission per fill, with commission or commissionPerShare',
    engine: 'commission.minimum',
  },
  slippageBps: {
    flag: '--slippage-bps',
    placeholder: 'B',
    kind: 'number',
    value: number(0, 10_000, 'left', ' (100 %)'),
    default: 0,
    description: 'slippage against the trader on market and stop fills, in basis points',
    engine: 'slippageBps',
  },
  stopLoss: {
    flag: '--stop-loss',
    placeholder: 'F',
    kind: 'number',
    value: number(0, 1, 'open'),
    description: 'protective stop, this fraction below (long) or above (short) the average entry price',
    engine: 'stopLoss',
  },
  takeProfit: {
    flag: '--take-profit',
    placeholder: 'F',
    kind: 'number',
    value: number(0, 1, 'right'),
    description: 'protective limit, this fraction beyond the average entry price',
    engine: 'takeProfit',
  },
  maxPosition: {
    flag: '--max-position',
    placeholder: 'F',
    kind: 'number',
    value: number(0, 1, 'right'),
    description: 'deny entries that would make the position worth more than this fraction of equity',
    engine: 'maxPositionFraction',
  },
  riskFreeRate: {
    flag: '--risk-free-rate',
    placeholder: 'F',
    kind: 'number',
    value: number(-1, 1, 'open'),
    default: 0,
    description: 'annual risk-free rate for Sharpe and Sortino, e.g. 0.02',
    engine: 'riskFreeRate',
  },
  barsPerYear: {
    flag: '--bars-per-year',
    placeholder: 'N',
    kind: 'number',
    value: number(0, Number.POSITIVE_INFINITY, 'open'),
    description: "bars per year for annualizing, overriding the interval's (24-hour markets)",
    engine: 'barsPerYear',
  },
} as const satisfies Record<string, SettingDefinition>;

/** A setting's sweep-file key. */
export type SettingName = keyof typeof SettingTable;

/** Every setting's key in table order. */
export const SettingNames = Object.keys(SettingTable) as SettingName[];
