/**
 * @module serve/validation
 * Zod as Fastify's validator: route schemas hold zod schemas; the validator compiler runs them
 * (coercing and defaulting), and the swagger transform turns them into JSON Schema for /docs.
 * A failed parse becomes a 400 whose message names the field and the rule, never a 500.
 */
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';

const PARTS = ['querystring', 'params', 'body', 'headers'] as const;

function isZod(value: unknown): value is z.ZodType {
  return !!value && typeof value === 'object' && '_zod' in value;
}

/** One readable line per problem: `querystring.date: expected a date as YYYY-MM-DD`. */
export function describeIssues(part: string, error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const path = [part, ...i.path.map(String)].join('.');
      // Unknown keys are the commonest typo: say which ones.
      if (i.code === 'unrecognized_keys') return `${part}: unknown parameter${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`;
      return `${path}: ${i.message}`;
    })
    .join('; ');
}

export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (!isZod(schema)) throw new Error(`route schema for ${httpPart} is not a zod schema`);
  return (data: unknown) => {
    const result = schema.safeParse(data ?? {});
    if (result.success) return { value: result.data };
    const error = new Error(describeIssues(httpPart ?? 'input', result.error));
    return { error };
  };
};

/** For @fastify/swagger: zod schemas of a route as JSON Schema (the input side: what a client sends). */
export function zodSwaggerTransform({ schema, url }: { schema: FastifySchema; url: string }): { schema: FastifySchema; url: string } {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = { ...schema };
  for (const part of PARTS) {
    const s = (schema as Record<string, unknown>)[part];
    if (isZod(s)) {
      const json = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      delete json.$schema;
      out[part] = json;
    }
  }
  return { schema: out as FastifySchema, url };
}
