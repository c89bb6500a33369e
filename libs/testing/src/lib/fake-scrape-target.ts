import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { formatPromValue, formatSeries, isValidLabelName, isValidMetricName } from '@neo/domain-metric';
import { closeServer, listenOnLoopback } from './loopback-server';

/** A Prometheus scrape target under the test's control. */
export interface FakeScrapeTarget {
  /** `http://127.0.0.1:PORT/metrics` */
  readonly url: string;
  readonly port: number;
  /** `127.0.0.1:PORT`, the target's `instance` label. */
  readonly host: string;
  /** Set one gauge series; also switches back from a raw body set with setBody. */
  setGauge(name: string, value: number, labels?: Record<string, string>): void;
  /** Serve exactly this text (for garbage tests) until the next setGauge. */
  setBody(raw: string): void;
  /** Answer /metrics with this status; non-2xx answers carry a short plain-text error body. */
  setStatus(code: number): void;
  /**
   * While on, /metrics requests get no answer (for scrape timeouts); switching it off answers the
   * held requests still open with the current content. stop() drops them.
   */
  setHanging(on: boolean): void;
  /** GET /metrics requests answered so far. */
  readonly scrapes: number;
  stop(): Promise<void>;
  /** Listen again on the same port after stop(). */
  start(): Promise<void>;
}

/** Options for startFakeScrapeTarget; port 0 or absent picks a free one. */
export interface FakeScrapeTargetOptions {
  readonly port?: number;
}

class ScrapeTarget implements FakeScrapeTarget {
  scrapes = 0;
  private readonly gauges = new Map<string, Map<string, string>>();
  private rawBody: string | undefined;
  private status = 200;
  private hanging = false;
  private readonly held = new Set<ServerResponse>();
  private readonly server = createServer((req, res) => this.handle(req, res));

  // 0 until the first start picks a port; restarts reuse it so the scrape URL stays valid.
  constructor(private boundPort: number) {}

  get port(): number {
    return this.boundPort;
  }

  get host(): string {
    return `127.0.0.1:${this.boundPort}`;
  }

  get url(): string {
    return `http://${this.host}/metrics`;
  }

  setGauge(name: string, value: number, labels: Record<string, string> = {}): void {
    if (!isValidMetricName(name)) {
      throw new Error(`invalid metric name "${name}"`);
    }
    const bad = Object.keys(labels).find((l) => !isValidLabelName(l) || l === '__name__');
    if (bad !== undefined) {
      throw new Error(`invalid label name "${bad}"`);
    }
    const series = this.gauges.get(name) ?? new Map<string, string>();
    const formatted = formatSeries({ ...labels, __name__: name });
    series.set(formatted, `${formatted} ${formatPromValue(value)}`);
    this.gauges.set(name, series);
    this.rawBody = undefined;
  }

  setBody(raw: string): void {
    this.rawBody = raw;
  }

  setStatus(code: number): void {
    this.status = code;
  }

  setHanging(on: boolean): void {
    this.hanging = on;
    if (!on) {
      for (const res of this.held) {
        this.answer(res);
      }
      this.held.clear();
    }
  }

  async start(): Promise<void> {
    if (!this.server.listening) {
      this.boundPort = await listenOnLoopback(this.server, this.boundPort);
    }
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private render(): string {
    let text = '';
    for (const [name, series] of this.gauges) {
      text += `# HELP ${name} Gauge set by a test.\n# TYPE ${name} gauge\n`;
      for (const line of series.values()) {
        text += `${line}\n`;
      }
    }
    return text;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    this.scrapes++;
    if (this.hanging) {
      this.held.add(res);
      res.once('close', () => this.held.delete(res));
      return;
    }
    this.answer(res);
  }

  private answer(res: ServerResponse): void {
    if (res.destroyed || res.writableEnded) {
      return;
    }
    if (this.status < 200 || this.status > 299) {
      res
        .writeHead(this.status, { 'content-type': 'text/plain' })
        .end(`status ${this.status} set by the test\n`);
      return;
    }
    res
      .writeHead(this.status, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      .end(this.rawBody ?? this.render());
  }
}

/** Start a loopback /metrics endpoint serving Prometheus text 0.0.4 gauges set by the test. */
export async function startFakeScrapeTarget(opts: FakeScrapeTargetOptions = {}): Promise<FakeScrapeTarget> {
  const target = new ScrapeTarget(opts.port ?? 0);
  await target.start();
  return target;
}
