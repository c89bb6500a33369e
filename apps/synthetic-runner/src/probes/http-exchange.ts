import { performance } from 'node:perf_hooks';
import type { HttpRequestSpec } from '@neo/domain-check';
import { expandSecrets } from '../secrets/expand-secrets';
import { describeError } from './describe-error';
import type { NetworkPolicy } from './network-policy';
import { emptyPhases, type Observation } from './observation';
import { timedHttpRequest } from './timed-http-request';

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);
/** Enough for JSON health documents; conditions on larger bodies see the first 1 MiB. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Performs a check's request, following redirects when asked (up to `maxRedirects`, as blackbox_exporter's
 * client does: too many is a failure that keeps the last 3xx status). Phases are summed over every hop. Secrets
 * are expanded here, at the last moment. Never throws: failures are part of the observation.
 */
export async function httpExchange(
  spec: HttpRequestSpec,
  signal: AbortSignal,
  policy: NetworkPolicy,
): Promise<Observation> {
  const started = performance.now();
  const phases = emptyPhases();
  let redirects = 0;
  let statusCode: number | undefined;
  try {
    let url = new URL(expandSecrets(spec.url));
    let method: string = spec.method;
    let body = spec.body === undefined ? undefined : expandSecrets(spec.body);
    const headers = requestHeaders(spec);
    for (;;) {
      const hop = await timedHttpRequest({
        url,
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        tlsVerify: spec.tlsVerify,
        ipFamily: spec.ipFamily,
        signal,
        policy,
        maxBodyBytes: MAX_BODY_BYTES,
      });
      for (const phase of Object.keys(phases) as (keyof typeof phases)[]) phases[phase] += hop.phases[phase];
      statusCode = hop.statusCode;
      const location = hop.headers['location'];
      if (!spec.followRedirects || !REDIRECT_CODES.has(hop.statusCode) || location === undefined) {
        return {
          durationMs: performance.now() - started,
          statusCode: hop.statusCode,
          headers: hop.headers,
          body: hop.body,
          phases,
          redirects,
          ip: hop.address,
          ...(hop.certificateExpiresAtMs !== undefined
            ? { certificateExpiresAtMs: hop.certificateExpiresAtMs }
            : {}),
        };
      }
      if (redirects >= spec.maxRedirects) {
        return {
          durationMs: performance.now() - started,
          failure: `too many redirects (more than ${spec.maxRedirects})`,
          statusCode: hop.statusCode,
          phases,
          redirects,
        };
      }
      redirects++;
      url = new URL(location, url);
      // As browsers and Go's client do: 303 (and 301/302 after POST) continue as a body-less GET.
      if (
        hop.statusCode === 303 ||
        ((hop.statusCode === 301 || hop.statusCode === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
      }
    }
  } catch (error) {
    return {
      durationMs: performance.now() - started,
      failure: describeError(error, signal),
      ...(statusCode !== undefined ? { statusCode } : {}),
      phases,
      redirects,
    };
  }
}

function requestHeaders(spec: HttpRequestSpec): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'neo-synthetic-runner' };
  for (const [name, value] of Object.entries(spec.headers))
    headers[name.toLowerCase()] = expandSecrets(value);
  if (spec.auth?.type === 'basic') {
    const credentials = `${expandSecrets(spec.auth.username)}:${expandSecrets(spec.auth.password)}`;
    headers['authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  } else if (spec.auth?.type === 'bearer') {
    headers['authorization'] = `Bearer ${expandSecrets(spec.auth.token)}`;
  }
  return headers;
}
