/** Thrown when a sweep cannot be planned (e.g. its run count is beyond what can be indexed or enumerated). */
export class SweepPlanError extends Error {
  override readonly name = 'SweepPlanError';
  readonly code = 'SWEEP_TOO_LARGE';
}
