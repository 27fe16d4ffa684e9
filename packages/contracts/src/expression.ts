/**
 * A small, safe expression language for sweep constraints (`where: fast < slow`) and result filters
 * (`--where 'sharpe > 1 and maxDrawdown < 0.2'`): numbers, names, `+ - * / %`, comparisons
 * (`< <= > >= == = !=`), `and`/`&&`, `or`/`||`, `not`/`!` and parentheses. It is parsed, never `eval`ed, so a sweep
 * file cannot run code.
 */
export type Expression =
  | { kind: 'number'; value: number }
  | { kind: 'name'; name: string }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expression }
  | { kind: 'binary'; op: BinaryOperator; left: Expression; right: Expression };

const ArithmeticOperators = ['+', '-', '*', '/', '%'] as const;
const ComparisonOperators = ['<', '<=', '>', '>=', '==', '!='] as const;
const LogicalOperators = ['and', 'or'] as const;
type BinaryOperator =
  | (typeof ArithmeticOperators)[number]
  | (typeof ComparisonOperators)[number]
  | (typeof LogicalOperators)[number];

/** Thrown for an expression that does not parse; `position` is the 0-based character offset of the problem. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly code = 'INVALID_EXPRESSION';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

type Token = { type: 'number' | 'name' | 'op' | 'end'; text: string; at: number };

const TOKEN = /(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|&&|\|\||[-+*/%<>=!()])/y;
const ALIASES: Readonly<Record<string, string>> = { '&&': 'and', '||': 'or', '!': 'not', '=': '==' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
    if (at >= text.length) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new ExpressionError(`unexpected character '${text[at]}' at ${at + 1}`, at);
    if (m[1]) tokens.push({ type: 'number', text: m[1], at });
    else if (m[2] && ['and', 'or', 'not'].includes(m[2].toLowerCase()))
      tokens.push({ type: 'op', text: m[2].toLowerCase(), at });
    else if (m[2]) tokens.push({ type: 'name', text: m[2], at });
    else tokens.push({ type: 'op', text: ALIASES[m[3] as string] ?? (m[3] as string), at });
    at = TOKEN.lastIndex;
  }
  tokens.push({ type: 'end', text: '', at: text.length });
  return tokens;
}

/**
 * Parses an expression into its syntax tree.
 *
 * @example
 * const where = parseExpression('fast * 2 <= slow and slow < 250');
 * evaluateExpression(where, { fast: 10, slow: 30 }); // true
 */
export function parseExpression(text: string): Expression {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i] as Token;
  const take = () => tokens[i++] as Token;
  const accept = (...ops: string[]) => (peek().type === 'op' && ops.includes(peek().text) ? take().text : undefined);

  const binary = (next: () => Expression, ops: readonly string[]) => (): Expression => {
    let left = next();
    for (let op = accept(...ops); op; op = accept(...ops))
      left = { kind: 'binary', op: op as BinaryOperator, left, right: next() };
    return left;
  };
  const atom = (): Expression => {
    const t = take();
    if (t.type === 'number') return { kind: 'number', value: Number(t.text) };
    if (t.type === 'name') return { kind: 'name', name: t.text };
    if (t.type === 'op' && t.text === '(') {
      const inner = or();
      if (!accept(')')) throw new ExpressionError(`expected ')' at ${peek().at + 1}`, peek().at);
      return inner;
    }
    throw new ExpressionError(
      t.type === 'end' ? 'unexpected end of expression' : `unexpected '${t.text}' at ${t.at + 1}`,
      t.at,
    );
  };
  const unary = (): Expression => {
    const op = accept('-', 'not');
    return op ? { kind: 'unary', op: op as '-' | 'not', operand: unary() } : atom();
  };
  const product = binary(unary, ['*', '/', '%']);
  const sum = binary(product, ['+', '-']);
  const comparison = (): Expression => {
    const left = sum();
    const op = accept(...ComparisonOperators);
    return op ? { kind: 'binary', op: op as BinaryOperator, left, right: sum() } : left;
  };
  const and = binary(comparison, ['and']);
  const or = binary(and, ['or']);

  const tree = or();
  if (peek().type !== 'end') throw new ExpressionError(`unexpected '${peek().text}' at ${peek().at + 1}`, peek().at);
  return tree;
}

/** The names an expression refers to, for checking them against the parameters or columns that exist. */
export function expressionNames(expression: Expression): string[] {
  switch (expression.kind) {
    case 'number':
      return [];
    case 'name':
      return [expression.name];
    case 'unary':
      return expressionNames(expression.operand);
    case 'binary':
      return [...new Set([...expressionNames(expression.left), ...expressionNames(expression.right)])];
  }
}

/** Evaluates an expression; booleans count as 1/0 in arithmetic, and a missing name is `NaN` (so comparisons fail). */
export function evaluateExpression(expression: Expression, values: Readonly<Record<string, number>>): number | boolean {
  const num = (e: Expression) => Number(evaluateExpression(e, values));
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'name':
      return values[expression.name] ?? Number.NaN;
    case 'unary':
      return expression.op === '-' ? -num(expression.operand) : !evaluateExpression(expression.operand, values);
    case 'binary': {
      const { op, left, right } = expression;
      if (op === 'and') return Boolean(evaluateExpression(left, values)) && Boolean(evaluateExpression(right, values));
      if (op === 'or') return Boolean(evaluateExpression(left, values)) || Boolean(evaluateExpression(right, values));
      const a = num(left);
      const b = num(right);
      switch (op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '%':
          return a % b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
        case '==':
          return a === b;
        case '!=':
          return a !== b;
      }
    }
  }
}
