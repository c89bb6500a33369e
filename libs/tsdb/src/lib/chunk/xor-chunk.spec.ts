import { floatFromBits, sameFloatBits, STALE_NAN } from '../encoding/float-bits';
import { chunkSampleCount, XorAppender, XorIterator } from './xor-chunk';

interface Pt {
  t: number;
  v: number;
}

function encode(points: readonly Pt[]): Uint8Array {
  const app = new XorAppender();
  for (const p of points) {
    app.append(p.t, p.v);
  }
  return app.bytes();
}

function decode(bytes: Uint8Array): Pt[] {
  const it = new XorIterator(bytes);
  const out: Pt[] = [];
  while (it.next()) {
    out.push({ t: it.t, v: it.v });
  }
  return out;
}

function expectSame(actual: readonly Pt[], expected: readonly Pt[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(actual[i].t).toBe(expected[i].t);
    if (!sameFloatBits(actual[i].v, expected[i].v)) {
      throw new Error(`value ${i}: got ${actual[i].v}, want ${expected[i].v}`);
    }
  }
}

// Deterministic PRNG so a failure is reproducible.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('XOR chunk', () => {
  it('round-trips regular 15 s data in about 1.37 bytes per sample', () => {
    const points: Pt[] = [];
    let counter = 1000;
    let t = 1_700_000_000_000;
    for (let i = 0; i < 120; i++) {
      points.push({ t, v: counter });
      t += 15_000;
      counter += i % 3 === 0 ? 2 : 1;
    }
    const bytes = encode(points);
    expectSame(decode(bytes), points);
    expect(chunkSampleCount(bytes)).toBe(120);
    expect(bytes.length / points.length).toBeLessThanOrEqual(1.5);
  });

  it('round-trips random timestamps and random 64-bit values bit for bit', () => {
    const rnd = mulberry32(42);
    for (let round = 0; round < 50; round++) {
      const points: Pt[] = [];
      let t = Math.floor(rnd() * 2 ** 42) - 2 ** 41;
      for (let i = 0; i < 120; i++) {
        const kind = rnd();
        const v =
          kind < 0.3
            ? floatFromBits(Math.floor(rnd() * 2 ** 32), Math.floor(rnd() * 2 ** 32))
            : kind < 0.5
              ? points.length > 0
                ? points[points.length - 1].v
                : 0
              : kind < 0.8
                ? rnd() * 1000
                : Math.round(rnd() * 10);
        points.push({ t, v });
        const jump = rnd();
        t += jump < 0.5 ? 15_000 : jump < 0.7 ? Math.floor(rnd() * 20) + 1 : Math.floor(rnd() * 2 ** 40) + 1;
      }
      expectSame(decode(encode(points)), points);
    }
  });

  it('covers every delta-of-delta bucket boundary', () => {
    const dods = [
      0,
      1,
      -1,
      8192,
      -8191,
      8193,
      -8192,
      65536,
      -65535,
      65537,
      524288,
      -524287,
      524289,
      -(2 ** 40),
    ];
    const points: Pt[] = [
      { t: 0, v: 1 },
      { t: 3_000_000_000_000, v: 2 },
    ];
    let delta = 3_000_000_000_000;
    for (const dod of dods) {
      delta += dod;
      points.push({ t: points[points.length - 1].t + delta, v: 3 });
    }
    expectSame(decode(encode(points)), points);
  });

  it('keeps NaN payloads, the staleness marker, infinities and signed zero exact', () => {
    const specials = [
      STALE_NAN,
      NaN,
      Infinity,
      -Infinity,
      -0,
      0,
      Number.MIN_VALUE,
      Number.MAX_VALUE,
      STALE_NAN,
    ];
    const points = specials.map((v, i) => ({ t: 1000 + i, v }));
    expectSame(decode(encode(points)), points);
  });

  it('resumes appending after decoding an existing chunk', () => {
    const points = Array.from({ length: 50 }, (_, i) => ({ t: i * 1000 + (i % 7), v: Math.sin(i) }));
    const first = encode(points.slice(0, 30));
    const app = XorAppender.resume(first);
    for (const p of points.slice(30)) {
      app.append(p.t, p.v);
    }
    expect(app.bytes()).toEqual(encode(points));
  });

  it('lets a reader capped at a sample count ignore samples appended later', () => {
    const app = new XorAppender();
    app.append(1, 1);
    app.append(2, 2);
    const it = new XorIterator(app.liveBytes(), app.numSamples);
    app.append(3, 3);
    const seen: number[] = [];
    while (it.next()) {
      seen.push(it.t);
    }
    expect(seen).toEqual([1, 2]);
  });

  it('seeks forward to the first sample at or after a timestamp', () => {
    const bytes = encode([10, 20, 30, 40].map((t) => ({ t, v: t })));
    const it = new XorIterator(bytes);
    expect(it.seek(25)).toBe(true);
    expect(it.t).toBe(30);
    expect(it.seek(30)).toBe(true);
    expect(it.t).toBe(30);
    expect(it.seek(41)).toBe(false);
  });

  it('encodes a two-sample chunk exactly as Prometheus does', () => {
    // First ts varint(1000)=0xd0 0x0f, value 1.0 raw, delta uvarint 15000, uvarint(15000)=0x98 0x75, then xor 2.0^1.0: 1 1 00001 001011 + 11 ones.
    const bytes = encode([
      { t: 1000, v: 1 },
      { t: 16000, v: 2 },
    ]);
    expect(Buffer.from(bytes).toString('hex')).toBe('0002d00f3ff00000000000009875c25fff');
  });
});
