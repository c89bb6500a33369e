import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';

/** A request the ingest endpoints refuse before decoding: status and plain message. */
export class IngestHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The whole request body, at most `limit` bytes (after gunzip when `gzip`). Over the limit the rest is
 * drained and discarded so the client reads our 413 instead of a reset connection.
 */
export async function readBody(req: IncomingMessage, limit: number, gzip = false): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (!gzip && Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  const source = gzip ? req.pipe(createGunzip()) : req;
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        continue;
      }
      over = true;
      // A gzip bomb stops here (the raw body is drained below); a plain body keeps draining unstored.
      if (gzip) break;
    }
  } catch (error) {
    req.resume();
    throw new IngestHttpError(400, `could not read the body: ${(error as Error).message}`);
  }
  if (over) {
    req.resume();
    throw tooLarge(limit);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): IngestHttpError {
  return new IngestHttpError(413, `request body exceeds the limit of ${limit} bytes`);
}

/** The media type of a Content-Type header, lower-cased, parameters dropped. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}
