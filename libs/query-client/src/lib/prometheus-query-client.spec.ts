import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusQueryClient } from './prometheus-query-client';
import { QueryError } from './query-error';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback server whose behaviour each test sets; it records what it was asked. */
class FakePrometheus {
  handler: Handler = (_req, res) => res.end();
  readonly requests: IncomingMessage[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req);
      this.handler(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(status: number, body: unknown): void {
    this.handler = (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

async function queryError(promise: Promise<unknown>): Promise<QueryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('expected a QueryError');
}

describe('PrometheusQueryClient', () => {
  const fake = new FakePrometheus();
  let url: string;

  beforeAll(async () => {
    url = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('parses an instant vector, values from Go float text', async () => {
    fake.answer(200, {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { __name__: 'up', job: 'a' }, value: [1700000000.123, '0'] },
          { metric: { __name__: 'up', job: 'b' }, value: [1700000000.123, '+Inf'] },
          { metric: { job: 'c' }, value: [1700000000.123, '1e-07'] },
          { metric: { job: 'd' }, value: [1700000000.123, 'NaN'] },
        ],
      },
    });
    const result = await new PrometheusQueryClient({ url }).instantQuery('up', new Date(1700000000123));
    expect(result.resultType).toBe('vector');
    if (result.resultType !== 'vector') return;
    expect(result.result.map((s) => s.value)).toEqual([0, Infinity, 1e-7, NaN]);
    expect(result.result[0]).toEqual({
      metric: { __name__: 'up', job: 'a' },
      value: 0,
      timestampMs: 1700000000123,
    });
    const asked = new URL(fake.requests[0].url ?? '', url);
    expect(asked.pathname).toBe('/api/v1/query');
    expect(asked.searchParams.get('query')).toBe('up');
    expect(asked.searchParams.get('time')).toBe('1700000000.123');
  });

  it('parses a scalar and keeps warnings', async () => {
    fake.answer(200, {
      status: 'success',
      warnings: ['partial'],
      data: { resultType: 'scalar', result: [1, '2'] },
    });
    const result = await new PrometheusQueryClient({ url: `${url}/` }).instantQuery('1+1');
    expect(result).toEqual({
      resultType: 'scalar',
      result: { value: 2, timestampMs: 1000 },
      warnings: ['partial'],
    });
  });

  it('maps an error envelope to an api error with its errorType and status', async () => {
    fake.answer(400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' });
    const error = await queryError(new PrometheusQueryClient({ url }).instantQuery('up{'));
    expect(error).toMatchObject({ kind: 'api', errorType: 'bad_data', status: 400 });
    expect(error.message).toContain('parse error at char 3');
  });

  it('maps a non-2xx answer without an envelope to an http error', async () => {
    fake.answer(502, 'bad gateway');
    const error = await queryError(new PrometheusQueryClient({ url }).instantQuery('up'));
    expect(error).toMatchObject({ kind: 'http', status: 502 });
  });

  it('rejects answers that are not the API shape or not an instant result', async () => {
    const client = new PrometheusQueryClient({ url });
    fake.answer(200, '<html>');
    expect((await queryError(client.instantQuery('up'))).kind).toBe('bad_response');
    fake.answer(200, { status: 'success', data: { resultType: 'matrix', result: [] } });
    expect((await queryError(client.instantQuery('up'))).message).toContain('matrix');
    fake.answer(200, {
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'x'] }] },
    });
    expect((await queryError(client.instantQuery('up'))).message).toContain('result.0.value');
  });

  it('gives up after the timeout', async () => {
    fake.handler = () => undefined; // never answers
    const error = await queryError(new PrometheusQueryClient({ url, timeoutMs: 100 }).instantQuery('up'));
    expect(error.kind).toBe('timeout');
  });

  it('reports a refused connection as a network error', async () => {
    const closed = new FakePrometheus();
    const deadUrl = await closed.start();
    await closed.stop();
    const error = await queryError(new PrometheusQueryClient({ url: deadUrl }).instantQuery('up'));
    expect(error.kind).toBe('network');
  });

  it('sends basic or bearer credentials and extra headers', async () => {
    fake.answer(200, { status: 'success', data: { resultType: 'vector', result: [] } });
    await new PrometheusQueryClient({
      url,
      auth: { type: 'basic', username: 'neo', password: 's3cret' },
      headers: { 'X-Scope-OrgID': 'tenant-1' },
    }).instantQuery('up');
    await new PrometheusQueryClient({ url, auth: { type: 'bearer', token: 'tok' } }).instantQuery('up');
    expect(fake.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('neo:s3cret').toString('base64')}`,
    );
    expect(fake.requests[0].headers['x-scope-orgid']).toBe('tenant-1');
    expect(fake.requests[1].headers.authorization).toBe('Bearer tok');
  });

  it('runs a range query and parses the matrix', async () => {
    fake.answer(200, {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { job: 'a' },
            values: [
              [1700000000, '1'],
              [1700000060, 'NaN'],
            ],
          },
        ],
      },
    });
    const result = await new PrometheusQueryClient({ url }).rangeQuery(
      'up',
      new Date(1700000000000),
      new Date(1700000060500),
      60,
    );
    expect(result.resultType).toBe('matrix');
    expect(result.result[0].metric).toEqual({ job: 'a' });
    expect(result.result[0].values).toEqual([
      { timestampMs: 1700000000000, value: 1 },
      { timestampMs: 1700000060000, value: NaN },
    ]);
    const asked = new URL(fake.requests[0].url ?? '', url);
    expect(asked.pathname).toBe('/api/v1/query_range');
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      query: 'up',
      start: '1700000000.000',
      end: '1700000060.500',
      step: '60',
    });
  });

  it('rejects a range answer that is not a matrix', async () => {
    const client = new PrometheusQueryClient({ url });
    fake.answer(200, { status: 'success', data: { resultType: 'vector', result: [] } });
    const error = await queryError(client.rangeQuery('up', new Date(0), new Date(60_000), 15));
    expect(error.kind).toBe('bad_response');
    fake.answer(422, { status: 'error', errorType: 'execution', error: 'too many points' });
    expect(await queryError(client.rangeQuery('up', new Date(0), new Date(60_000), 15))).toMatchObject({
      kind: 'api',
      errorType: 'execution',
    });
  });

  it('builds the query URL used as generatorURL', () => {
    expect(new PrometheusQueryClient({ url: 'http://127.0.0.1:9180/' }).queryUrl('up == 0')).toBe(
      'http://127.0.0.1:9180/api/v1/query?query=up+%3D%3D+0',
    );
  });
});
