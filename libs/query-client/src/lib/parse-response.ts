import { z } from 'zod';
import { parsePromValue, PromValueParseError } from '@neo/domain-metric';
import { QueryError } from './query-error';
import type { InstantQueryResult, RangeQueryResult, ScalarSample } from './query-result';

// [<unix seconds as float>, "<value as Go float text>"]
const PointSchema = z.tuple([z.number(), z.string()]);

const EnvelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});

const InstantDataSchema = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: PointSchema })),
  }),
  z.object({ resultType: z.literal('scalar'), result: PointSchema }),
  z.object({ resultType: z.literal('matrix'), result: z.unknown() }),
  z.object({ resultType: z.literal('string'), result: z.unknown() }),
]);

const RangeDataSchema = z.object({
  resultType: z.literal('matrix'),
  result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(PointSchema) })),
});

export type ApiEnvelope = z.infer<typeof EnvelopeSchema>;

/** The Prometheus API envelope if `body` is one, else undefined. */
export function parseEnvelope(body: unknown): ApiEnvelope | undefined {
  const parsed = EnvelopeSchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

function toSample(point: readonly [number, string], where: string): ScalarSample {
  try {
    return { timestampMs: Math.round(point[0] * 1000), value: parsePromValue(point[1]) };
  } catch (error) {
    if (error instanceof PromValueParseError) {
      throw new QueryError('bad_response', `${where}: ${error.message}`);
    }
    throw error;
  }
}

function invalidData(error: z.ZodError): QueryError {
  const issue = error.issues[0];
  return new QueryError(
    'bad_response',
    `unexpected query data at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
  );
}

/** The `data` of a successful range query (a matrix), values parsed. */
export function parseRangeData(data: unknown, warnings: readonly string[] = []): RangeQueryResult {
  const parsed = RangeDataSchema.safeParse(data);
  if (!parsed.success) throw invalidData(parsed.error);
  return {
    resultType: 'matrix',
    result: parsed.data.result.map((series, i) => ({
      metric: series.metric,
      values: series.values.map((point, j) => toSample(point, `result.${i}.values.${j}`)),
    })),
    warnings,
  };
}

/** The `data` of a successful instant query, values parsed; matrix and string results are rejected. */
export function parseInstantData(data: unknown, warnings: readonly string[] = []): InstantQueryResult {
  const parsed = InstantDataSchema.safeParse(data);
  if (!parsed.success) throw invalidData(parsed.error);
  const value = parsed.data;
  switch (value.resultType) {
    case 'vector':
      return {
        resultType: 'vector',
        result: value.result.map((series, i) => ({
          metric: series.metric,
          ...toSample(series.value, `result.${i}.value`),
        })),
        warnings,
      };
    case 'scalar':
      return { resultType: 'scalar', result: toSample(value.result, 'result'), warnings };
    default:
      throw new QueryError(
        'bad_response',
        `instant query returned unsupported result type '${value.resultType}'`,
      );
  }
}
