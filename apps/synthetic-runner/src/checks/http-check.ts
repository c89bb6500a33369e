export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Which status codes count as success: any 2xx (the default) or an explicit list. */
export type StatusExpectation = '2xx' | readonly number[];

/** One validated HTTP check, as the runner uses it (durations already in milliseconds). */
export interface HttpCheck {
  readonly name: string;
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly expectedStatus: StatusExpectation;
  readonly maxLatencyMs?: number;
  readonly labels: Readonly<Record<string, string>>;
}
