import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { REJECT_REASONS, type RejectCounts, type RejectReason } from '@neo/tsdb';
import { SAMPLE_STORE, type SampleStore } from '../../storage/sample-store';
import { IngestMetrics } from '../ingest-metrics';
import { INGEST_LIMITS, type IngestLimits } from '../ingest-limits';
import { ProtoError } from '../proto-reader';
import { IngestHttpError, mediaType, readBody } from '../read-body';
import { decodeSnappyBlock, SnappyError, SnappyTooLargeError } from '../snappy-block';
import { SeriesKeyCache } from './series-key-cache';
import { decodeWriteBatch } from './write-batch';

/** What the HTTP layer answers: a status and, for errors, a plain-text reason. */
export interface IngestAnswer {
  readonly status: number;
  readonly message?: string;
}

/**
 * Prometheus remote_write 1.0 receiver. A request is decoded and validated whole before anything is
 * stored, then appended as one batch (one WAL record in the TSDB) and acknowledged only once the store's
 * commit resolved, so a 204 means durable and a 400 before storage means nothing was written. Series whose
 * label bytes were seen before are appended by ref (SeriesKeyCache), the samples in columns (no object each).
 */
@Injectable()
export class RemoteWriteReceiver {
  private readonly cache = new SeriesKeyCache();

  constructor(
    @Inject(SAMPLE_STORE) private readonly store: SampleStore,
    @Inject(IngestMetrics) private readonly metrics: IngestMetrics,
    @Inject(INGEST_LIMITS) private readonly limits: IngestLimits,
  ) {}

  async receive(req: IncomingMessage): Promise<IngestAnswer> {
    const answer = await this.handle(req);
    this.metrics.requests.inc({ protocol: 'remote_write', code: String(answer.status) });
    return answer;
  }

  private async handle(req: IncomingMessage): Promise<IngestAnswer> {
    try {
      checkHeaders(req);
      const body = await readBody(req, this.limits.maxBodyBytes);
      return await this.appendAll(decodeSnappyBlock(body, this.limits.maxDecodedBytes));
    } catch (error) {
      if (error instanceof IngestHttpError) return { status: error.status, message: error.message };
      if (error instanceof SnappyTooLargeError) return { status: 413, message: error.message };
      if (error instanceof SnappyError || error instanceof ProtoError) {
        this.metrics.rejected.inc({ protocol: 'remote_write', reason: 'invalid' });
        return { status: 400, message: error.message };
      }
      throw error;
    }
  }

  private async appendAll(decompressed: Buffer): Promise<IngestAnswer> {
    this.cache.maybeTurn();
    const batch = decodeWriteBatch(decompressed, this.cache);
    const result = await this.store.appendSeries(batch);
    for (let i = 0; i < batch.length; i++) {
      const key = batch.keys[i];
      const ref = result.seriesRefs[i];
      if (key !== undefined && ref >= 0 && ref !== batch.refAt(i)) this.cache.set(key, ref);
    }
    this.metrics.samples.inc({ protocol: 'remote_write' }, result.accepted);
    const rejected = countRejected(result.rejected);
    if (rejected.total === 0) return { status: 204 };
    for (const [reason, count] of rejected.reasons) {
      this.metrics.rejected.inc({ protocol: 'remote_write', reason }, count);
    }
    // Like Prometheus (400 "out of order sample"): re-sending cannot help, so the sender must not retry.
    // Unlike Prometheus the accepted samples of the request stay stored: the TSDB validates a batch sample by
    // sample and has no rollback, and an identical re-send of them is accepted again, so nothing is doubled.
    return {
      status: 400,
      message: `${rejected.total} of ${batch.samples} samples rejected (${rejected.reasons
        .map(([reason, count]) => `${reason}: ${count}`)
        .join(
          ', ',
        )}): out of order samples are older than the newest sample of their series, duplicates have its timestamp with another value; the other ${result.accepted} were stored`,
    };
  }
}

/** Rejections with a non-zero count, and their total. */
export function countRejected(counts: RejectCounts): {
  total: number;
  reasons: Array<[RejectReason, number]>;
} {
  const reasons = REJECT_REASONS.filter((reason) => counts[reason] > 0).map(
    (reason): [RejectReason, number] => [reason, counts[reason]],
  );
  return { total: reasons.reduce((sum, [, count]) => sum + count, 0), reasons };
}

/** remote_write 1.0 mandates snappy + protobuf; absent headers are tolerated (old senders omit them). */
function checkHeaders(req: IncomingMessage): void {
  const encoding = (req.headers['content-encoding'] ?? 'snappy').trim().toLowerCase();
  if (encoding !== 'snappy') {
    throw new IngestHttpError(
      415,
      `unsupported Content-Encoding "${encoding}": remote_write bodies are snappy`,
    );
  }
  const type = mediaType(req.headers['content-type']);
  if (type !== '' && type !== 'application/x-protobuf') {
    throw new IngestHttpError(
      415,
      `unsupported Content-Type "${type}": remote_write 1.0 expects application/x-protobuf`,
    );
  }
}
