import { BatchingShipper, type BatchingOptions } from './batching-shipper';
import type { LogRecord } from './log-shipper';

export interface ElasticsearchShipperOptions extends BatchingOptions {
  /** Base URL, e.g. `http://elasticsearch:9200`; batches go to `/_bulk`. */
  readonly url: string;
  /** Index name prefix; a daily suffix `-YYYY.MM.DD` is added (default `neo-logs`). */
  readonly index?: string;
  /** Sent as `Authorization` (e.g. `ApiKey ...` or `Basic ...`). */
  readonly authorization?: string;
}

/** Elasticsearch `_bulk` API (NDJSON), one daily index per prefix, `@timestamp` added for Kibana. */
export class ElasticsearchShipper extends BatchingShipper {
  readonly name = 'elasticsearch';
  private readonly endpoint: string;
  private readonly headers: Record<string, string>;
  private readonly index: string;

  constructor(options: ElasticsearchShipperOptions) {
    super(options);
    this.endpoint = `${options.url.replace(/\/+$/, '')}/_bulk`;
    this.index = options.index ?? 'neo-logs';
    this.headers = {
      ...options.headers,
      ...(options.authorization ? { authorization: options.authorization } : {}),
    };
  }

  protected async send(batch: readonly LogRecord[]): Promise<void> {
    let body = '';
    for (const record of batch) {
      const time = typeof record['time'] === 'number' ? new Date(record['time']) : new Date();
      const day = time.toISOString().slice(0, 10).replace(/-/g, '.');
      body += `${JSON.stringify({ index: { _index: `${this.index}-${day}` } })}\n`;
      body += `${JSON.stringify({ '@timestamp': time.toISOString(), ...record })}\n`;
    }
    const text = await this.post(this.endpoint, body, 'application/x-ndjson', this.headers);
    // _bulk answers 200 even when items fail; `errors: true` means some documents were rejected.
    if ((JSON.parse(text) as { errors?: boolean }).errors) {
      throw new Error('elasticsearch: some documents were rejected');
    }
  }
}
