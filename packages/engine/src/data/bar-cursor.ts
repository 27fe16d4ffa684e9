/**
 * The index of the bar the engine has reached. Only the backtest loop advances it; every {@link Line} a strategy
 * holds reads through it, which is what makes lookahead impossible by construction.
 */
export class BarCursor {
  index = -1;
}
