// Test-only strategies that misbehave on purpose, loaded as a strategy plugin (FLEET_STRATEGY_MODULES) by the chaos
// suite and the engine pool tests. Parameters choose the bar at which each misbehaves; -1 means never.
import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';

const atBar = z.number().int().default(-1);

registerStrategy(
  defineStrategy({
    name: 'poison_throw',
    description: 'Throws on its first bar.',
    params: z.strictObject({}),
    paramDocs: {},
    create: () => ({
      onBar() {
        throw new Error('poison strategy always throws');
      },
    }),
  }),
);

registerStrategy(
  defineStrategy({
    name: 'poison_hang',
    description: 'Never returns from onBar at bar `hangAt`.',
    params: z.strictObject({ hangAt: atBar }),
    paramDocs: { hangAt: 'bar index at which onBar never returns; -1 never' },
    create: ({ hangAt }) => ({
      onBar(ctx) {
        if (ctx.index === hangAt) for (;;);
      },
    }),
  }),
);

registerStrategy(
  defineStrategy({
    name: 'poison_exit',
    description: 'Exits its thread or process at bar `exitAt`.',
    params: z.strictObject({ exitAt: atBar }),
    paramDocs: { exitAt: 'bar index at which it calls process.exit; -1 never' },
    create: ({ exitAt }) => ({
      onBar(ctx) {
        if (ctx.index === exitAt) process.exit(3);
      },
    }),
  }),
);

registerStrategy(
  defineStrategy({
    name: 'poison_allocate',
    description: 'Allocates without bound from bar `allocateAt` on, until its heap runs out.',
    params: z.strictObject({ allocateAt: atBar }),
    paramDocs: { allocateAt: 'bar index at which it starts hoarding memory; -1 never' },
    create: ({ allocateAt }) => {
      const hoard = [];
      return {
        onBar(ctx) {
          if (ctx.index === allocateAt) for (;;) hoard.push(new Array(100_000).fill(ctx.index));
        },
      };
    },
  }),
);

registerStrategy(
  defineStrategy({
    name: 'chaos_spin',
    description: 'Holds its thread for `spinMs` per run and never trades: a run of known length for the chaos suite.',
    params: z.strictObject({ spinMs: z.number().nonnegative().default(5), n: z.number().int().default(0) }),
    paramDocs: { spinMs: 'busy milliseconds per run', n: 'any number, to make distinct runs' },
    create: ({ spinMs }) => {
      const until = performance.now() + spinMs;
      while (performance.now() < until);
      return { onBar() {} };
    },
  }),
);
