import { parseCondition } from '../conditions/parse-condition';
import type { CheckDefinition, StepDefinition } from './check-definition.schema';
import type { Check, CheckCommon, HttpAuth, HttpRequestSpec } from './check-types';

/** Turns a validated YAML/API definition into the runtime Check (durations in ms, conditions parsed). */
export function toCheck(definition: CheckDefinition): Check {
  const common: CheckCommon = {
    name: definition.name,
    intervalMs: definition.interval,
    timeoutMs: definition.timeout,
    labels: definition.labels,
    conditions: definition.conditions.map((text) => parseCondition(text)),
    retries: definition.retries,
    retryBackoffMs: definition.retry_backoff,
    jitterMs: definition.jitter ?? 0,
    ...(definition.degraded_after !== undefined ? { degradedAfterMs: definition.degraded_after } : {}),
    maintenance: definition.maintenance,
  };
  switch (definition.type) {
    case 'http': {
      const expected = definition.expected_status;
      return {
        kind: 'http',
        ...common,
        ...toRequest(definition),
        ...(expected !== undefined
          ? { expectedStatus: Array.isArray(expected) ? expected : [expected] }
          : definition.conditions.length === 0
            ? { expectedStatus: '2xx' as const }
            : {}),
        ...(definition.max_latency !== undefined ? { maxLatencyMs: definition.max_latency } : {}),
      };
    }
    case 'tcp':
      return {
        kind: 'tcp',
        ...common,
        host: definition.host,
        port: definition.port,
        ipFamily: definition.ip_family,
      };
    case 'dns':
      return {
        kind: 'dns',
        ...common,
        query: definition.query,
        recordType: definition.record_type,
        server: definition.server,
        ...(definition.expected_answers !== undefined
          ? { expectedAnswers: definition.expected_answers }
          : {}),
        expectedRcode: definition.expected_rcode,
      };
    case 'tls':
      return {
        kind: 'tls',
        ...common,
        host: definition.host,
        port: definition.port,
        ...(definition.server_name !== undefined ? { serverName: definition.server_name } : {}),
        tlsVerify: definition.tls_verify,
        ...(definition.min_validity !== undefined ? { minValidityMs: definition.min_validity } : {}),
      };
    case 'journey':
      return {
        kind: 'journey',
        ...common,
        steps: definition.steps.map((step) => ({
          name: step.name,
          request: toRequest(step),
          conditions: step.conditions.map((text) => parseCondition(text)),
          store: step.store,
          always: step.always,
        })),
      };
    case 'push':
      return { kind: 'push', ...common, token: definition.token };
  }
}

type RequestDefinition = Pick<
  StepDefinition,
  | 'url'
  | 'method'
  | 'headers'
  | 'body'
  | 'auth'
  | 'follow_redirects'
  | 'max_redirects'
  | 'tls_verify'
  | 'ip_family'
>;

function toRequest(definition: RequestDefinition): HttpRequestSpec {
  return {
    url: definition.url,
    method: definition.method,
    headers: definition.headers,
    ...(definition.body !== undefined ? { body: definition.body } : {}),
    ...(definition.auth !== undefined ? { auth: toAuth(definition.auth) } : {}),
    followRedirects: definition.follow_redirects,
    maxRedirects: definition.max_redirects,
    tlsVerify: definition.tls_verify,
    ipFamily: definition.ip_family,
  };
}

function toAuth(auth: NonNullable<RequestDefinition['auth']>): HttpAuth {
  return 'basic' in auth
    ? { type: 'basic', username: auth.basic.username, password: auth.basic.password }
    : { type: 'bearer', token: auth.bearer };
}
