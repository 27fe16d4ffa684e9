import type { BarSeries } from '@fleet/engine';

/** The bars a job runs on: one series, or a universe's series for a portfolio strategy's job. */
export type JobSeries = BarSeries | readonly BarSeries[];
