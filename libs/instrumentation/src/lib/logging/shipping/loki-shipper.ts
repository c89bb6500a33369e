import { BatchingShipper, type BatchingOptions } from './batching-shipper';
import type { LogRecord } from './log-shipper';

export interface LokiShipperOptions extends BatchingOptions {
  /** Base URL of Loki, e.g. `http://loki:3100`; lines go to `/loki/api/v1/push`. */
  readonly url: string;
  /** Static stream labels (e.g. `{ env: 'prod' }`); `service`, `level` and `category` come from each line. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Multi-tenant Loki: sent as `X-Scope-OrgID`. */
  readonly tenant?: string;
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/**
 * Loki push API (JSON). Lines are grouped into one stream per label set per request, unlike pino-loki's one
 * stream per line, which makes Loki parse and index the same labels hundreds of times.
 */
export class LokiShipper extends BatchingShipper {
  readonly name = 'loki';
  private readonly endpoint: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: LokiShipperOptions) {
    super(options);
    this.endpoint = `${options.url.replace(/\/+$/, '')}/loki/api/v1/push`;
    this.headers = { ...options.headers, ...(options.tenant ? { 'X-Scope-OrgID': options.tenant } : {}) };
  }

  protected async send(batch: readonly LogRecord[]): Promise<void> {
    const streams = new Map<string, { stream: Record<string, string>; values: [string, string][] }>();
    for (const record of batch) {
      const labels = this.labelsOf(record);
      const key = JSON.stringify(labels);
      let entry = streams.get(key);
      if (!entry) {
        entry = { stream: labels, values: [] };
        streams.set(key, entry);
      }
      entry.values.push([nanoseconds(record['time']), JSON.stringify(record)]);
    }
    const body = JSON.stringify({ streams: [...streams.values()] });
    await this.post(this.endpoint, body, 'application/json', this.headers);
  }

  private labelsOf(record: LogRecord): Record<string, string> {
    const level = typeof record['level'] === 'number' ? LEVEL_NAMES[record['level']] : undefined;
    return {
      ...this.options.labels,
      service: String(record['service'] ?? 'unknown'),
      level: level ?? String(record['level'] ?? 'info'),
      category: String(record['category'] ?? 'application'),
    };
  }
}

/** Loki wants nanosecond timestamps as decimal strings; pino writes epoch milliseconds. */
function nanoseconds(time: unknown): string {
  const ms = typeof time === 'number' ? Math.trunc(time) : Date.now();
  return `${ms}000000`;
}
