import { createServer } from 'node:http';
import { increment, seriesText } from './series-data';

// A scrape target in its own process, so its CPU is not counted as the scraper's. Every request moves the
// counters one step. Prints its port on stdout.
const count = Number(process.argv[2] ?? 100_000);
const prefixes = Array.from({ length: count }, (_, i) => `${seriesText(i)} `);
const values = Array.from({ length: count }, (_, i) => i % 1000);
let step = 0;

const server = createServer((_request, response) => {
  step++;
  const parts: string[] = ['# HELP bench_requests_total Requests.\n# TYPE bench_requests_total counter\n'];
  for (let i = 0; i < count; i++) {
    values[i] += increment(i, step);
    parts.push(prefixes[i], String(values[i]), '\n');
  }
  response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
  response.end(parts.join(''));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
