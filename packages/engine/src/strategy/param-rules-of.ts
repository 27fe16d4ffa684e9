import { z } from 'zod';

/** What a parameter schema says of one parameter alone: integer or real, and its bounds. */
export interface ParamRule {
  readonly integer: boolean;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly exclusiveMaximum?: number;
}

interface JsonSchemaProperty {
  type?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
}

/**
 * The per-parameter rules of a strategy's zod schema, read from its JSON Schema, so a sweep's ranges can be checked
 * axis by axis (a fractional step over an integer period) without validating millions of combinations. Rules that
 * span parameters (`fast < slow`) are not representable here and stay with the schema. A schema JSON Schema cannot
 * describe (a plugin's custom types) yields no rules, which only means its combinations are checked one by one.
 *
 * @example
 * paramRulesOf(z.strictObject({ fast: integerParam(1, 10) })); // { fast: { integer: true, minimum: 1, … } }
 */
export function paramRulesOf(schema: z.ZodType): Record<string, ParamRule> {
  let properties: Record<string, JsonSchemaProperty>;
  try {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, JsonSchemaProperty>;
    };
    properties = json.properties ?? {};
  } catch {
    return {};
  }
  const rules: Record<string, ParamRule> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (property.type !== 'integer' && property.type !== 'number') continue;
    rules[name] = {
      integer: property.type === 'integer',
      ...(property.minimum !== undefined ? { minimum: property.minimum } : {}),
      ...(property.exclusiveMinimum !== undefined ? { exclusiveMinimum: property.exclusiveMinimum } : {}),
      ...(property.maximum !== undefined && property.maximum < Number.MAX_SAFE_INTEGER
        ? { maximum: property.maximum }
        : {}),
      ...(property.exclusiveMaximum !== undefined ? { exclusiveMaximum: property.exclusiveMaximum } : {}),
    };
  }
  return rules;
}
