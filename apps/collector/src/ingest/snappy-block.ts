/** Bad snappy input: the message goes into the 400 answer. */
export class SnappyError extends Error {}

/** The decoded size would exceed the caller's limit (answered 413, not 400). */
export class SnappyTooLargeError extends SnappyError {}

/**
 * Strict snappy *block* decoder (the remote_write framing). Written here rather than using snappyjs'
 * `uncompress` because that one allocates whatever length the header claims (up to 4 GiB), leaves the
 * tail zero-filled when the stream is short and ignores writes past the end: on hostile input we must
 * fail with a reason instead.
 */
export function decodeSnappyBlock(input: Uint8Array, maxLength: number): Buffer {
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length || shift > 28) throw new SnappyError('snappy: corrupt input (bad length header)');
    const byte = input[pos++];
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  if (length > 0xffffffff) throw new SnappyError('snappy: corrupt input (bad length header)');
  if (length > maxLength) {
    throw new SnappyTooLargeError(`snappy: decoded length ${length} exceeds the limit of ${maxLength} bytes`);
  }
  const out = Buffer.allocUnsafe(length);
  let outPos = 0;
  while (pos < input.length) {
    const tag = input[pos++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (pos + extra > input.length) throw new SnappyError('snappy: corrupt input (truncated literal)');
        len = 0;
        for (let i = 0; i < extra; i++) len += input[pos + i] * 2 ** (8 * i);
        len += 1;
        pos += extra;
      }
      if (pos + len > input.length || outPos + len > length) {
        throw new SnappyError('snappy: corrupt input (literal overruns)');
      }
      // Native copies only pay off for longer runs; remote_write bodies are mostly short literals and copies.
      if (len > 32) out.set(input.subarray(pos, pos + len), outPos);
      else for (let i = 0; i < len; i++) out[outPos + i] = input[pos + i];
      pos += len;
      outPos += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (pos >= input.length) throw new SnappyError('snappy: corrupt input (truncated copy)');
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[pos++];
    } else {
      const bytes = kind === 2 ? 2 : 4;
      if (pos + bytes > input.length) throw new SnappyError('snappy: corrupt input (truncated copy)');
      len = (tag >>> 2) + 1;
      offset = 0;
      for (let i = 0; i < bytes; i++) offset += input[pos + i] * 2 ** (8 * i);
      pos += bytes;
    }
    if (offset === 0 || offset > outPos || outPos + len > length) {
      throw new SnappyError('snappy: corrupt input (bad copy offset)');
    }
    // Overlapping copies (offset < len) repeat a pattern, so they must go byte by byte.
    if (offset >= len && len > 32) {
      out.copyWithin(outPos, outPos - offset, outPos - offset + len);
    } else {
      for (let i = 0; i < len; i++) out[outPos + i] = out[outPos - offset + i];
    }
    outPos += len;
  }
  if (outPos !== length) {
    throw new SnappyError(`snappy: corrupt input (decoded ${outPos} of ${length} bytes)`);
  }
  return out;
}
