import type { Condition } from '../conditions/condition';
import type { MaintenanceWindow } from '../maintenance/maintenance-window';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const CHECK_KINDS = ['http', 'tcp', 'dns', 'tls', 'journey', 'push'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** Which status codes count as success: any 2xx (the default without conditions) or an explicit list. */
export type StatusExpectation = '2xx' | readonly number[];

export type IpFamily = 'any' | 'ipv4' | 'ipv6';

/**
 * Credentials; values may be `${env:NAME}` or `${file:/path}` templates, expanded only when a request is made
 * so the secret itself is never part of the definition that the API shows or the logs print.
 */
export type HttpAuth =
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string };

/** One HTTP request: a whole HTTP check or one journey step. Strings may hold `{{var}}` and secret templates. */
export interface HttpRequestSpec {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly auth?: HttpAuth;
  readonly followRedirects: boolean;
  readonly maxRedirects: number;
  readonly tlsVerify: boolean;
  readonly ipFamily: IpFamily;
}

/** What every check has, whatever it probes (durations in milliseconds). */
export interface CheckCommon {
  readonly name: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly conditions: readonly Condition[];
  /** Extra attempts after a failure, within the same run, before the run counts as down. */
  readonly retries: number;
  /** Wait before the first retry; doubles for each further one. */
  readonly retryBackoffMs: number;
  /** Each run starts up to this much after its slot, at random, so checks sharing an interval spread out. */
  readonly jitterMs: number;
  /** A passing run slower than this is `degraded`. */
  readonly degradedAfterMs?: number;
  readonly maintenance: readonly MaintenanceWindow[];
}

export interface HttpCheck extends CheckCommon, HttpRequestSpec {
  readonly kind: 'http';
  /** Absent when conditions decide; '2xx' by default without conditions. */
  readonly expectedStatus?: StatusExpectation;
  readonly maxLatencyMs?: number;
}

export interface TcpCheck extends CheckCommon {
  readonly kind: 'tcp';
  readonly host: string;
  readonly port: number;
  readonly ipFamily: IpFamily;
}

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

export interface DnsCheck extends CheckCommon {
  readonly kind: 'dns';
  readonly query: string;
  readonly recordType: DnsRecordType;
  /** `host` or `host:port` of the DNS server to ask. */
  readonly server: string;
  /** When set, the answers must be exactly these (order ignored). */
  readonly expectedAnswers?: readonly string[];
  readonly expectedRcode: string;
}

export interface TlsCheck extends CheckCommon {
  readonly kind: 'tls';
  readonly host: string;
  readonly port: number;
  readonly serverName?: string;
  readonly tlsVerify: boolean;
  /** Fails when the earliest certificate expires sooner than this. */
  readonly minValidityMs?: number;
}

export interface JourneyStep {
  readonly name: string;
  readonly request: HttpRequestSpec;
  readonly conditions: readonly Condition[];
  /** Variable name -> extraction (`[BODY].token`, `[HEADER].x-id`, `[BODY] =~ /id=(\d+)/`). */
  readonly store: Readonly<Record<string, string>>;
  /** Runs even after an earlier step failed (clean-up). */
  readonly always: boolean;
}

export interface JourneyCheck extends CheckCommon {
  readonly kind: 'journey';
  readonly steps: readonly JourneyStep[];
}

/** Passive: up while `POST /api/push/<token>` arrives at least once per interval. */
export interface PushCheck extends CheckCommon {
  readonly kind: 'push';
  /** May be a secret template; compared after expansion. */
  readonly token: string;
}

export type Check = HttpCheck | TcpCheck | DnsCheck | TlsCheck | JourneyCheck | PushCheck;

/** A human-readable target for results and metrics (`instance`). */
export function checkTarget(check: Check): string {
  switch (check.kind) {
    case 'http':
      return check.url;
    case 'tcp':
    case 'tls':
      return `${check.host}:${check.port}`;
    case 'dns':
      return `${check.query} ${check.recordType} @${check.server}`;
    case 'journey':
      return check.steps[0]?.request.url ?? check.name;
    case 'push':
      return `push:${check.name}`;
  }
}
