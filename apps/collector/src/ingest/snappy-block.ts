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
  const inLength = input.length;
  let outPos = 0;
  while (pos < inLength) {
    const tag = input[pos++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (pos + extra > inLength) throw new SnappyError('snappy: corrupt input (truncated literal)');
        len = input[pos];
        if (extra > 1) len += input[pos + 1] << 8;
        if (extra > 2) len += input[pos + 2] << 16;
        // A fourth length byte means >= 16 MiB: unsigned arithmetic, not a 32-bit shift.
        if (extra > 3) len += input[pos + 3] * 0x1000000;
        len += 1;
        pos += extra;
      }
      if (pos + len > inLength || outPos + len > length) {
        throw new SnappyError('snappy: corrupt input (literal overruns)');
      }
      // Plain loops beat native copies for the short runs remote_write bodies are made of.
      if (len > 64) out.set(input.subarray(pos, pos + len), outPos);
      else for (let i = 0; i < len; i++) out[outPos + i] = input[pos + i];
      pos += len;
      outPos += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (pos >= inLength) throw new SnappyError('snappy: corrupt input (truncated copy)');
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[pos++];
    } else if (kind === 2) {
      if (pos + 2 > inLength) throw new SnappyError('snappy: corrupt input (truncated copy)');
      len = (tag >>> 2) + 1;
      offset = input[pos] | (input[pos + 1] << 8);
      pos += 2;
    } else {
      if (pos + 4 > inLength) throw new SnappyError('snappy: corrupt input (truncated copy)');
      len = (tag >>> 2) + 1;
      offset = input[pos] + (input[pos + 1] << 8) + (input[pos + 2] << 16) + input[pos + 3] * 0x1000000;
      pos += 4;
    }
    if (offset === 0 || offset > outPos || outPos + len > length) {
      throw new SnappyError('snappy: corrupt input (bad copy offset)');
    }
    // Byte by byte: overlapping copies (offset < len) repeat a pattern, and runs are at most 64 bytes.
    for (let from = outPos - offset, end = outPos + len; outPos < end; ) out[outPos++] = out[from++];
  }
  if (outPos !== length) {
    throw new SnappyError(`snappy: corrupt input (decoded ${outPos} of ${length} bytes)`);
  }
  return out;
}
