import { type Expression, ExpressionError, expressionType, type ValueType } from '@fleet/contracts';
import { type RawBuilder, sql } from 'kysely';
import { RunFields } from './run-fields.js';
import { sweptValue } from './swept-value.js';

const SQL_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['+', '+'],
  ['-', '-'],
  ['*', '*'],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
  ['==', '='],
  ['!=', '<>'],
  ['and', 'and'],
  ['or', 'or'],
]);

/** What a filter name stands for in SQL, and its type. */
interface FilterName {
  type: ValueType;
  value: RawBuilder<unknown>;
}

/** The names a filter on a sweep's runs may use: run fields (metrics first), its text fields, parameters and swept settings. */
function filterNames(paramNames: readonly string[]): Map<string, FilterName> {
  const names = new Map<string, FilterName>();
  for (const [name, column] of RunFields) names.set(name, { type: 'number', value: sql`${sql.ref(column)}::float8` });
  for (const name of ['symbol', 'strategy', 'universe']) names.set(name, { type: 'text', value: sql.ref(name) });
  for (const name of paramNames) if (!names.has(name)) names.set(name, { type: 'number', value: sweptValue(name) });
  return names;
}

/**
 * Compiles a parsed filter (`sharpe > 1 and fast < 20 and symbol in ('ORCL', 'NVDA')`) into a condition on `runs`
 * that holds exactly where {@link expressionHolds} would: run fields map to their columns, `symbol` and `strategy`
 * to theirs, and `paramNames` to the run's parameters or swept settings of that name; every value is a bound parameter, never spliced
 * text. Throws an {@link ExpressionError} for a name that is none of these (listing the valid ones) or for mixed types.
 *
 * @example
 * db.selectFrom('runs').where(expressionToSql(parseExpression("sharpe > 1 and symbol = 'ORCL'"), ['fast', 'slow']))
 */
export function expressionToSql(expression: Expression, paramNames: readonly string[] = []): RawBuilder<boolean> {
  const names = filterNames(paramNames);
  const types = new Map([...names].map(([name, { type }]) => [name, type]));
  const typeOf = (e: Expression) => expressionType(e, types);
  if (typeOf(expression) === 'text') throw new ExpressionError('a filter must be a condition, not text', expression.at);

  // Postgres has no implicit casts between numbers and booleans, so each one the semantics allow is written out.
  const number = (e: Expression): RawBuilder<unknown> =>
    typeOf(e) === 'boolean' ? sql`(${compile(e)})::int::float8` : compile(e);
  const truth = (e: Expression): RawBuilder<unknown> =>
    typeOf(e) === 'number' ? sql`(${compile(e)} <> 0)` : compile(e);
  const compile = (e: Expression): RawBuilder<unknown> => {
    switch (e.kind) {
      case 'number':
        return sql`${e.value}::float8`;
      case 'text':
        return sql`${e.value}::text`;
      case 'name':
        return (names.get(e.name) as FilterName).value;
      case 'unary':
        return e.op === '-' ? sql`(- ${number(e.operand)})` : sql`(not ${truth(e.operand)})`;
      case 'in': {
        const text = typeOf(e.operand) === 'text';
        const operand = text ? compile(e.operand) : number(e.operand);
        const values = sql.join(e.values.map((v) => (text ? sql`${v}::text` : sql`${v}::float8`)));
        return e.negated ? sql`(${operand} not in (${values}))` : sql`(${operand} in (${values}))`;
      }
      case 'binary': {
        const { op, left, right } = e;
        if (op === 'and' || op === 'or') return sql`(${truth(left)} ${sql.raw(op)} ${truth(right)})`;
        const text = typeOf(left) === 'text';
        const [l, r] = text ? [compile(left), compile(right)] : [number(left), number(right)];
        // Division by zero is unknown (null), as in the evaluator, instead of an error that aborts the whole query.
        if (op === '/') return sql`(${l} / nullif(${r}, 0))`;
        if (op === '%') return sql`mod(${l}::numeric, nullif(${r}, 0)::numeric)::float8`;
        return sql`(${l} ${sql.raw(SQL_OPERATORS.get(op) as string)} ${r})`;
      }
    }
  };
  return sql<boolean>`coalesce(${truth(expression)}, false)`;
}
