import { parseEnvelope, parseInstantData, parseRangeData } from './parse-response';
import { QueryError } from './query-error';
import type { InstantQueryResult, RangeQueryResult } from './query-result';

/** Credentials for a protected Prometheus-compatible endpoint (Mimir, Thanos, VictoriaMetrics, a proxy). */
export type QueryAuth =
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string };

export interface QueryClientOptions {
  /** Base URL before `/api/v1`, e.g. `http://127.0.0.1:9180` or `https://mimir.example/prometheus`. */
  readonly url: string;
  /** Whole-request deadline; default 10 s. */
  readonly timeoutMs?: number;
  readonly auth?: QueryAuth;
  /** Sent with every request, e.g. `X-Scope-OrgID` for a multi-tenant Mimir. */
  readonly headers?: Readonly<Record<string, string>>;
}

export const DEFAULT_QUERY_URL = 'http://127.0.0.1:9180';
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Reads metrics through the Prometheus HTTP API. NEO's collector and any external Prometheus-compatible
 * server are the same to it: only the URL (and maybe credentials) differ.
 */
export class PrometheusQueryClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;

  constructor(options: QueryClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.headers = { accept: 'application/json', ...options.headers, ...authHeader(options.auth) };
  }

  /** The URL that answers `expr` as an instant query; alerts link to it as their generatorURL. */
  queryUrl(expr: string): string {
    return `${this.baseUrl}/api/v1/query?${new URLSearchParams({ query: expr }).toString()}`;
  }

  /** Evaluates `expr` at `time` (default: the server's now). Throws QueryError on any failure. */
  async instantQuery(expr: string, time?: Date): Promise<InstantQueryResult> {
    const params = new URLSearchParams({ query: expr });
    if (time) params.set('time', unixSeconds(time));
    const url = `${this.baseUrl}/api/v1/query?${params.toString()}`;
    const envelope = await this.get(url);
    return parseInstantData(envelope.data, envelope.warnings ?? []);
  }

  /**
   * Evaluates `expr` at every `stepSeconds` from `start` to `end` (`/api/v1/query_range`). Throws QueryError on
   * any failure.
   */
  async rangeQuery(expr: string, start: Date, end: Date, stepSeconds: number): Promise<RangeQueryResult> {
    const params = new URLSearchParams({
      query: expr,
      start: unixSeconds(start),
      end: unixSeconds(end),
      step: String(stepSeconds),
    });
    const envelope = await this.get(`${this.baseUrl}/api/v1/query_range?${params.toString()}`);
    return parseRangeData(envelope.data, envelope.warnings ?? []);
  }

  private async get(url: string): Promise<{ data?: unknown; warnings?: string[] }> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { headers: this.headers, signal: AbortSignal.timeout(this.timeoutMs) });
      text = await response.text();
    } catch (error) {
      throw transportError(error, url, this.timeoutMs);
    }
    const envelope = parseEnvelope(safeJson(text));
    if (envelope?.status === 'error') {
      throw new QueryError('api', `${envelope.errorType ?? 'error'}: ${envelope.error ?? 'no message'}`, {
        status: response.status,
        errorType: envelope.errorType,
        url,
      });
    }
    if (!response.ok) {
      throw new QueryError('http', `HTTP ${response.status} from ${url}: ${text.slice(0, 200)}`, {
        status: response.status,
        url,
      });
    }
    if (!envelope) {
      throw new QueryError(
        'bad_response',
        `not a Prometheus API response from ${url}: ${text.slice(0, 200)}`,
        {
          status: response.status,
          url,
        },
      );
    }
    return envelope;
  }
}

function unixSeconds(time: Date): string {
  return (time.getTime() / 1000).toFixed(3);
}

function authHeader(auth: QueryAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if (auth.type === 'bearer') return { authorization: `Bearer ${auth.token}` };
  return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function transportError(error: unknown, url: string, timeoutMs: number): QueryError {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new QueryError('timeout', `no answer from ${url} within ${timeoutMs} ms`, { url });
  }
  const cause = err.cause?.code ?? err.cause?.message ?? err.message;
  return new QueryError('network', `cannot reach ${url}: ${cause}`, { url });
}
