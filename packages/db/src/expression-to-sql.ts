import type { Expression } from '@fleet/contracts';
import { type RawBuilder, sql } from 'kysely';
import { RankableMetrics } from './rankable-metrics.js';

/** Thrown when a filter names something that is neither a metric nor a parameter name. */
class FilterError extends Error {
  override readonly name = 'FilterError';
  readonly code = 'INVALID_FILTER';
}

const SQL_OPERATORS: Readonly<Record<string, string>> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '==': '=',
  '!=': '<>',
  and: 'and',
  or: 'or',
};

const columnOf = (name: string): string | undefined =>
  (RankableMetrics as Readonly<Record<string, string>>)[name] ??
  (
    {
      closedTrades: 'closed_trades',
      winningTrades: 'winning_trades',
      exposure: 'exposure',
      averageTrade: 'average_trade',
      runIndex: 'run_index',
    } as Readonly<Record<string, string>>
  )[name];

/**
 * Compiles a parsed filter (`sharpe > 1 and fast < 20`) into a SQL condition on `runs`: metric names map to their
 * columns, other names to the run's parameter of that name; every value is a bound parameter, never spliced text.
 *
 * @example
 * db.selectFrom('runs').where(expressionToSql(parseExpression('sharpe > 1')))
 */
export function expressionToSql(expression: Expression): RawBuilder<unknown> {
  switch (expression.kind) {
    case 'number':
      return sql`${expression.value}::float8`;
    case 'name': {
      const column = columnOf(expression.name);
      if (column) return sql`${sql.ref(column)}::float8`;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(expression.name))
        throw new FilterError(`'${expression.name}' is not a metric or parameter name`);
      return sql`(params ->> ${expression.name})::float8`;
    }
    case 'unary':
      return expression.op === '-'
        ? sql`(- ${expressionToSql(expression.operand)})`
        : sql`(not ${expressionToSql(expression.operand)})`;
    case 'binary': {
      const left = expressionToSql(expression.left);
      const right = expressionToSql(expression.right);
      if (expression.op === '%') return sql`mod(${left}::numeric, ${right}::numeric)::float8`;
      return sql`(${left} ${sql.raw(SQL_OPERATORS[expression.op] as string)} ${right})`;
    }
  }
}
