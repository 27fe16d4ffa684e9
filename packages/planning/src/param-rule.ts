/**
 * What a strategy's parameter schema says about one parameter on its own (as its JSON Schema states it), so a sweep's
 * whole axis can be checked from its domain without enumerating the grid.
 */
export interface ParamRule {
  readonly integer: boolean;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly exclusiveMaximum?: number;
}
