import type { ExpositionFormat } from './exposition-format';
import { parseExposition } from './parse-exposition';
import { ScrapeParseError } from './scrape-parse-error';

// Deterministic: a failing input can be reproduced from the seed and iteration printed by the assertion.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS: Record<ExpositionFormat, string> = {
  text: [
    '# HELP http_requests_total Requests.\\n "quoted" \\\\',
    '# TYPE http_requests_total counter',
    'http_requests_total{method="post",code="200"} 1027 1395066363000',
    'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
    'metric_without_timestamp_and_labels 12.47',
    'something_weird{problem="division by zero"} +Inf -3982045',
    'rpc_duration_seconds{quantile="0.5"} NaN',
    '{"my.utf8.metric", "a.b"="c"} 1',
    'rpc_duration_seconds_bucket{le="+Inf"} 144320',
  ].join('\n'),
  openmetrics: [
    '# TYPE acme_http_router_request_seconds summary',
    '# UNIT acme_http_router_request_seconds seconds',
    "# HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.",
    'acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32 1520879607.789',
    'acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0',
    'acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0',
    'foo_bucket{le="0.01"} 0 # {trace_id="KOO5S4vxi0o"} 0.67 1520879607.789',
    '# EOF',
  ].join('\n'),
};

const ALPHABET = [
  ...'abc_:{}="\\, \t\n#+-.0123456789eEIiNnfaxyzHELPTYPEUNITOF',
  '# ',
  '# EOF',
  '# TYPE ',
  '\\"',
  '\\\\',
  'NaN',
  '+Inf',
  '\r',
  'é',
  '\u0000',
];

function randomInput(next: () => number): string {
  const length = Math.floor(next() * 120);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return out;
}

function mutate(seed: string, next: () => number): string {
  let text = seed;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (text.length + 1));
    const len = Math.floor(next() * 8);
    switch (Math.floor(next() * 4)) {
      case 0: // delete
        text = text.slice(0, at) + text.slice(at + len);
        break;
      case 1: // insert a random symbol
        text = text.slice(0, at) + ALPHABET[Math.floor(next() * ALPHABET.length)] + text.slice(at);
        break;
      case 2: // duplicate a slice
        text = text.slice(0, at) + text.slice(at, at + len * 4) + text.slice(at);
        break;
      default: // truncate
        text = text.slice(0, at);
    }
  }
  return text;
}

function outcome(text: string, format: ExpositionFormat): 'ok' | 'parse error' | string {
  try {
    const { samples } = parseExposition(text, format);
    for (const s of samples) {
      if (
        typeof s.labels['__name__'] !== 'string' ||
        s.labels['__name__'] === '' ||
        typeof s.value !== 'number'
      ) {
        return `bad sample ${JSON.stringify(s)}`;
      }
    }
    return 'ok';
  } catch (error) {
    return error instanceof ScrapeParseError ? 'parse error' : `threw ${String(error)}`;
  }
}

describe('exposition parser fuzzing', () => {
  it.each(['text', 'openmetrics'] as const)(
    '%s: only ever returns samples or a ScrapeParseError',
    (format) => {
      const next = mulberry32(format === 'text' ? 42 : 4242);
      const seen = { ok: 0, 'parse error': 0 };
      for (let i = 0; i < 4000; i++) {
        const input = i % 2 === 0 ? randomInput(next) : mutate(SEEDS[format], next);
        const result = outcome(input, format);
        if (result !== 'ok' && result !== 'parse error') {
          throw new Error(`iteration ${i}: ${result} for ${JSON.stringify(input)}`);
        }
        seen[result]++;
      }
      // Both paths are exercised, so the fuzzing is not only feeding the first error branch.
      expect(seen.ok).toBeGreaterThan(50);
      expect(seen['parse error']).toBeGreaterThan(50);
      expect(outcome(SEEDS[format], format)).toBe('ok');
    },
  );

  it('handles a large body in linear time (no quadratic scanning)', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `m{i="${i}",path="a\\"}b"} ${i}`).join('\n');
    expect(parseExposition(lines, 'text').samples).toHaveLength(20_000);
  });
});
