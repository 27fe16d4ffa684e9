/**
 * A small, safe expression language for sweep constraints (`where: fast < slow`) and result filters
 * (`--where 'sharpe > 1 and symbol in ('ORCL', 'NVDA')'`). It is parsed, never `eval`ed, so a sweep file cannot run
 * code, and it means the same evaluated here ({@link evaluateExpression}) as compiled to SQL (`@fleet/db`):
 *
 * - **Syntax**, loosest first: `or`/`||`; `and`/`&&`; `not`/`!`; comparisons `< <= > >= == = !=` and
 *   `x in (…)`/`x not in (…)` over a list of literals; `+ -`; `* / %`; unary `-`; numbers, `'text'` (a quote inside
 *   is doubled: `'it''s'`), names and parentheses. So `not sharpe > 1` is `not (sharpe > 1)`, as in SQL.
 * - **Types**: numbers, text and truth values. A number where a truth value is needed is true when it is not 0, and a
 *   truth value in arithmetic is 1 or 0. Text compares only with text, by `=`, `!=` or `in`; anything else is refused
 *   by {@link expressionType} before anything runs.
 * - **Unknown values**: a name without a value (a metric undefined for a run is stored as null) is unknown, and so is
 *   division or `%` by zero (as the engine stores an undefined ratio). Arithmetic and comparisons with an unknown are
 *   unknown; `and`, `or` and `not` use three-valued logic (`false and unknown` is false, `true or unknown` is true).
 * - A constraint or filter holds only when it is true ({@link expressionHolds}): unknown and 0 drop the run.
 */
export type Expression =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'text'; value: string; at: number }
  | { kind: 'name'; name: string; at: number }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expression; at: number }
  | { kind: 'binary'; op: BinaryOperator; left: Expression; right: Expression; at: number }
  | { kind: 'in'; operand: Expression; values: readonly (number | string)[]; negated: boolean; at: number };

const ArithmeticOperators = ['+', '-', '*', '/', '%'] as const;
const ComparisonOperators = ['<', '<=', '>', '>=', '==', '!='] as const;
const LogicalOperators = ['and', 'or'] as const;
type BinaryOperator =
  | (typeof ArithmeticOperators)[number]
  | (typeof ComparisonOperators)[number]
  | (typeof LogicalOperators)[number];

/** What a name stands for: a number (a metric, a parameter) or text (a run's symbol or strategy). */
export type ValueType = 'number' | 'text';
/** What an expression yields: a {@link ValueType} or a truth value. */
export type ExpressionType = ValueType | 'boolean';
/** A value {@link evaluateExpression} works on: `null` is unknown. */
export type ExpressionValue = number | string | boolean | null;

/** Thrown for an expression that does not parse or mixes types; `position` is the 0-based character offset of the problem. */
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

type Token = { type: 'number' | 'text' | 'name' | 'op' | 'end'; text: string; at: number };

const TOKEN =
  /(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|'((?:[^']|'')*)'|(<=|>=|==|!=|&&|\|\||[-+*/%<>=!(),])/y;
const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in']);
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['&&', 'and'],
  ['||', 'or'],
  ['!', 'not'],
  ['=', '=='],
]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
    if (at >= text.length) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) {
      const what = text[at] === "'" ? 'unterminated text' : `unexpected character '${text[at]}'`;
      throw new ExpressionError(`${what} at ${at + 1}`, at);
    }
    if (m[1]) tokens.push({ type: 'number', text: m[1], at });
    else if (m[2] && KEYWORDS.has(m[2].toLowerCase())) tokens.push({ type: 'op', text: m[2].toLowerCase(), at });
    else if (m[2]) tokens.push({ type: 'name', text: m[2], at });
    else if (m[3] !== undefined) tokens.push({ type: 'text', text: m[3].replaceAll("''", "'"), at });
    else tokens.push({ type: 'op', text: ALIASES.get(m[4] as string) ?? (m[4] as string), at });
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
  const peek = (ahead = 0) => tokens[Math.min(i + ahead, tokens.length - 1)] as Token;
  const take = () => tokens[i++] as Token;
  const isOp = (t: Token, ...ops: string[]) => t.type === 'op' && ops.includes(t.text);
  const accept = (...ops: string[]) => (isOp(peek(), ...ops) ? take() : undefined);
  const unexpected = (t: Token) =>
    new ExpressionError(
      t.type === 'end' ? 'unexpected end of expression' : `unexpected '${t.text}' at ${t.at + 1}`,
      t.at,
    );
  const expect = (op: string) => {
    if (!accept(op)) throw new ExpressionError(`expected '${op}' at ${peek().at + 1}`, peek().at);
  };

  const binary = (next: () => Expression, ops: readonly string[]) => (): Expression => {
    let left = next();
    for (let t = accept(...ops); t; t = accept(...ops))
      left = { kind: 'binary', op: t.text as BinaryOperator, left, right: next(), at: t.at };
    return left;
  };
  const atom = (): Expression => {
    const t = take();
    if (t.type === 'number') return { kind: 'number', value: Number(t.text), at: t.at };
    if (t.type === 'text') return { kind: 'text', value: t.text, at: t.at };
    if (t.type === 'name') return { kind: 'name', name: t.text, at: t.at };
    if (isOp(t, '(')) {
      const inner = or();
      expect(')');
      return inner;
    }
    throw unexpected(t);
  };
  const negation = (): Expression => {
    const t = accept('-');
    return t ? { kind: 'unary', op: '-', operand: negation(), at: t.at } : atom();
  };
  const literal = (): number | string => {
    const minus = accept('-');
    const t = take();
    if (t.type === 'number') return minus ? -Number(t.text) : Number(t.text);
    if (t.type === 'text' && !minus) return t.text;
    throw new ExpressionError(`expected a number or 'text' in the list at ${t.at + 1}`, t.at);
  };
  const list = (operand: Expression, negated: boolean, at: number): Expression => {
    expect('(');
    const values = [literal()];
    while (accept(',')) values.push(literal());
    expect(')');
    return { kind: 'in', operand, values, negated, at };
  };
  const product = binary(negation, ['*', '/', '%']);
  const sum = binary(product, ['+', '-']);
  const comparison = (): Expression => {
    const left = sum();
    const t = peek();
    if (accept(...ComparisonOperators))
      return { kind: 'binary', op: t.text as BinaryOperator, left, right: sum(), at: t.at };
    if (accept('in')) return list(left, false, t.at);
    if (isOp(t, 'not') && isOp(peek(1), 'in')) {
      i += 2;
      return list(left, true, t.at);
    }
    return left;
  };
  const not = (): Expression => {
    const t = accept('not');
    return t ? { kind: 'unary', op: 'not', operand: not(), at: t.at } : comparison();
  };
  const and = binary(not, ['and']);
  const or = binary(and, ['or']);

  const tree = or();
  if (peek().type !== 'end') throw unexpected(peek());
  return tree;
}

/** The names an expression refers to, for checking them against the parameters or columns that exist. */
export function expressionNames(expression: Expression): string[] {
  switch (expression.kind) {
    case 'number':
    case 'text':
      return [];
    case 'name':
      return [expression.name];
    case 'unary':
    case 'in':
      return expressionNames(expression.operand);
    case 'binary':
      return [...new Set([...expressionNames(expression.left), ...expressionNames(expression.right)])];
  }
}

const isComparison = (op: BinaryOperator) => (ComparisonOperators as readonly string[]).includes(op);

/**
 * The type an expression yields given the type of every name it may use; throws an {@link ExpressionError} for a
 * name not in `names` (listing the valid ones) and for text used as a number or compared by anything but `=`, `!=`
 * and `in`. Check an expression once with it before evaluating or compiling it.
 *
 * @example
 * expressionType(parseExpression("symbol = 'ORCL' and sharpe > 1"), new Map([['symbol', 'text'], ['sharpe', 'number']])); // 'boolean'
 */
export function expressionType(expression: Expression, names: ReadonlyMap<string, ValueType>): ExpressionType {
  const numeric = (e: Expression, what: string): void => {
    if (expressionType(e, names) === 'text')
      throw new ExpressionError(`${what} needs a number, not text, at ${e.at + 1}`, e.at);
  };
  switch (expression.kind) {
    case 'number':
      return 'number';
    case 'text':
      return 'text';
    case 'name': {
      const type = names.get(expression.name);
      if (type) return type;
      throw new ExpressionError(
        `unknown name '${expression.name}' at ${expression.at + 1}; valid names: ${[...names.keys()].join(', ')}`,
        expression.at,
      );
    }
    case 'unary':
      numeric(expression.operand, `'${expression.op}'`);
      return expression.op === 'not' ? 'boolean' : 'number';
    case 'in': {
      const wanted = expressionType(expression.operand, names) === 'text' ? 'string' : 'number';
      if (expression.values.some((v) => typeof v !== wanted))
        throw new ExpressionError(
          `'in' compares ${wanted === 'string' ? 'text with a list of text' : 'a number with a list of numbers'} at ${expression.at + 1}`,
          expression.at,
        );
      return 'boolean';
    }
    case 'binary': {
      const { op, left, right } = expression;
      const texts = [left, right].filter((e) => expressionType(e, names) === 'text').length;
      if (texts > 0 && !(texts === 2 && (op === '==' || op === '!=')))
        throw new ExpressionError(
          `text compares only with text, by =, != or in, at ${expression.at + 1}`,
          expression.at,
        );
      return isComparison(op) || op === 'and' || op === 'or' ? 'boolean' : 'number';
    }
  }
}

type Values = Readonly<Record<string, number | string | null>>;
type Evaluator = (values: Values) => ExpressionValue;

const toNumber = (v: ExpressionValue): number | null => (typeof v === 'boolean' ? Number(v) : (v as number | null));
const toTruth = (v: ExpressionValue): boolean | null => (v === null || typeof v === 'boolean' ? v : v !== 0);

const ARITHMETIC: Readonly<Record<string, (a: number, b: number) => ExpressionValue>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => (b === 0 ? null : a / b),
  '%': (a, b) => (b === 0 ? null : a % b),
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** Turns a tree into nested closures once, so a constraint checked on millions of combinations is not re-interpreted. */
function compile(expression: Expression): Evaluator {
  switch (expression.kind) {
    case 'number':
    case 'text': {
      const { value } = expression;
      return () => value;
    }
    case 'name': {
      const { name } = expression;
      return (values) => (Object.hasOwn(values, name) ? (values[name] ?? null) : null);
    }
    case 'unary': {
      const operand = compile(expression.operand);
      if (expression.op === 'not')
        return (values) => {
          const truth = toTruth(operand(values));
          return truth === null ? null : !truth;
        };
      return (values) => {
        const n = toNumber(operand(values));
        return n === null ? null : -n;
      };
    }
    case 'in': {
      const operand = compile(expression.operand);
      const { values: list, negated } = expression;
      return (values) => {
        const v = operand(values);
        const value = typeof v === 'string' ? v : toNumber(v);
        return value === null ? null : list.includes(value) !== negated;
      };
    }
    case 'binary': {
      const { op } = expression;
      const left = compile(expression.left);
      const right = compile(expression.right);
      if (op === 'and' || op === 'or') {
        const short = op === 'or';
        return (values) => {
          const a = toTruth(left(values));
          if (a === short) return short;
          const b = toTruth(right(values));
          if (b === short) return short;
          return a === null || b === null ? null : !short;
        };
      }
      const apply = ARITHMETIC[op] as (a: number, b: number) => ExpressionValue;
      return (values) => {
        const l = left(values);
        const r = right(values);
        if (l === null || r === null) return null;
        // Only = and != reach here with text (expressionType refuses the rest), and text is never converted.
        if (typeof l === 'string' || typeof r === 'string') return op === '==' ? l === r : l !== r;
        return apply(toNumber(l) as number, toNumber(r) as number);
      };
    }
  }
}

const compiled = new WeakMap<Expression, Evaluator>();

/**
 * Evaluates a checked expression ({@link expressionType}) with the semantics described on {@link Expression}: a name
 * missing from `values`, or `null` there, is unknown (`null`).
 */
export function evaluateExpression(expression: Expression, values: Values): ExpressionValue {
  let evaluator = compiled.get(expression);
  if (!evaluator) {
    evaluator = compile(expression);
    compiled.set(expression, evaluator);
  }
  return evaluator(values);
}

/** Whether a checked constraint or filter holds for `values`: it is true (or a number other than 0), not unknown. */
export function expressionHolds(expression: Expression, values: Values): boolean {
  const value = evaluateExpression(expression, values);
  return typeof value === 'string' ? false : toTruth(value) === true;
}
