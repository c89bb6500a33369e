/**
 * Stands in for an OTLP collector, in a process of its own so that it answers as promptly as a real one
 * would: next to autocannon in the bench's process it answered late, the exporter's queue overflowed and most
 * spans were dropped unexported, which made tracing look cheaper than it is. Reports its port over IPC and
 * answers `'count'` with the batches and bytes received.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let batches = 0;
let bytes = 0;
const server = createServer((req, res) => {
  req.on('data', (chunk: Buffer) => (bytes += chunk.length));
  req.on('end', () => {
    batches++;
    // An empty body is a valid ExportTraceServiceResponse in both encodings.
    res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' }).end();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', (message: unknown) => {
  if (message === 'count') process.send?.({ batches, bytes });
});
process.once('disconnect', () => process.exit(0));
