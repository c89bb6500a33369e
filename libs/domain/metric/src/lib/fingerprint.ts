import { compareBytes, Labels } from './labels';

const FNV_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
// Prometheus' model.SeparatorByte: 0xff never occurs in UTF-8, so `a=bc` and `ab=c` cannot collide.
const SEPARATOR = 0xff;

function addByte(hash: bigint, byte: number): bigint {
  return ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
}

// Hand-rolled UTF-8 so the domain layer does not rely on runtime globals such as TextEncoder.
function addUtf8(hash: bigint, text: string): bigint {
  let h = hash;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      h = addByte(h, cp);
    } else if (cp < 0x800) {
      h = addByte(h, 0xc0 | (cp >> 6));
      h = addByte(h, 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      h = addByte(h, 0xe0 | (cp >> 12));
      h = addByte(h, 0x80 | ((cp >> 6) & 0x3f));
      h = addByte(h, 0x80 | (cp & 0x3f));
    } else {
      h = addByte(h, 0xf0 | (cp >> 18));
      h = addByte(h, 0x80 | ((cp >> 12) & 0x3f));
      h = addByte(h, 0x80 | ((cp >> 6) & 0x3f));
      h = addByte(h, 0x80 | (cp & 0x3f));
    }
  }
  return h;
}

/**
 * 16 lowercase hex digits of FNV-1a 64 over sorted `name 0xff value 0xff`: the same algorithm as
 * Prometheus' model.LabelSet.Fingerprint, so values equal Alertmanager's alert fingerprints.
 */
export function labelsFingerprint(labels: Labels): string {
  let hash = FNV_OFFSET_BASIS;
  for (const name of Object.keys(labels).sort(compareBytes)) {
    hash = addByte(addUtf8(hash, name), SEPARATOR);
    hash = addByte(addUtf8(hash, labels[name]), SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}
