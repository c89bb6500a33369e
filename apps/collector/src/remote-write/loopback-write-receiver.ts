// Test support for the remote write specs (imported only by *.spec.ts): a remote_write receiver on loopback.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as protobuf from 'protobufjs';
import { uncompress } from 'snappyjs';

/** remote_write 1.0's WriteRequest in protobufjs: an implementation independent of the collector's own codec. */
export const ReferenceWriteRequest = protobuf.Root.fromJSON({
  nested: {
    WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
    TimeSeries: {
      fields: {
        labels: { rule: 'repeated', type: 'Label', id: 1 },
        samples: { rule: 'repeated', type: 'Sample', id: 2 },
      },
    },
    Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
  },
}).lookupType('WriteRequest');

/** One sample as received: labels (as sent, sorted), timestamp in ms, value. */
export interface ReceivedSample {
  readonly labels: Record<string, string>;
  readonly t: number;
  readonly v: number;
}

/** How the receiver answers one request; `hang` never answers (a stuck remote). */
export type WriteAnswer = number | 'hang';

export interface LoopbackWriteReceiver {
  readonly url: string;
  /** Samples of every request answered 2xx, in arrival order. */
  readonly samples: ReceivedSample[];
  /** Requests received, answered or not. */
  readonly requests: number;
  close(): Promise<void>;
}

interface DecodedRequest {
  timeseries?: Array<{
    labels?: Array<{ name: string; value: string }>;
    samples?: Array<{ value: number; timestamp: string }>;
  }>;
}

/**
 * A real HTTP server on 127.0.0.1 that decodes snappy-compressed remote_write 1.0 requests. `answers`
 * gives the status of the first requests in turn (default 204); only 2xx requests count as received.
 */
export async function startWriteReceiver(answers: WriteAnswer[] = []): Promise<LoopbackWriteReceiver> {
  const samples: ReceivedSample[] = [];
  let requests = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests++;
      const answer = answers.shift() ?? 204;
      if (answer === 'hang') return;
      if (answer >= 200 && answer < 300) {
        const message = ReferenceWriteRequest.decode(uncompress(Buffer.concat(chunks)));
        const decoded = ReferenceWriteRequest.toObject(message, {
          longs: String,
          defaults: true,
        }) as DecodedRequest;
        for (const series of decoded.timeseries ?? []) {
          const labels = Object.fromEntries((series.labels ?? []).map((l) => [l.name, l.value]));
          for (const s of series.samples ?? []) samples.push({ labels, t: Number(s.timestamp), v: s.value });
        }
      }
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/write`,
    samples,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
