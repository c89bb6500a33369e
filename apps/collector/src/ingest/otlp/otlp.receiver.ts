import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { EXEMPLAR_STORAGE, type ExemplarStorage } from '../../query/exemplars/exemplar-storage';
import { SAMPLE_STORE, type SampleStore } from '../../storage/sample-store';
import { IngestMetrics } from '../ingest-metrics';
import { INGEST_LIMITS, type IngestLimits } from '../ingest-limits';
import { IngestHttpError, mediaType, readBody } from '../read-body';
import { countRejected } from '../remote-write/remote-write.receiver';
import { OtlpFormatError } from './otlp-json';
import { decodeOtlpProtobuf, ExportMetricsServiceResponse, RpcStatus } from './otlp-schema';
import { translateOtlp } from './otlp-translate';

/** OTLP/HTTP answer: status, content type and body (protobuf or JSON, as the request was). */
export interface OtlpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer | string;
}

type Encoding = 'protobuf' | 'json';

// google.rpc.Code.INVALID_ARGUMENT, the code OTLP/HTTP puts in the Status of a 400.
const INVALID_ARGUMENT = 3;

/** A request whose body an earlier middleware (Nest's JSON body parser) has already read and parsed. */
type MaybeParsed = IncomingMessage & { body?: unknown };

/**
 * OTLP/HTTP metrics receiver (POST /v1/metrics): protobuf or JSON, optionally gzip. Every point is
 * translated before anything is stored, then one batch append; points that cannot be stored are reported
 * in partial_success with a 200, as the OTLP spec asks, so the exporter does not retry them.
 */
@Injectable()
export class OtlpReceiver {
  constructor(
    @Inject(SAMPLE_STORE) private readonly store: SampleStore,
    @Inject(IngestMetrics) private readonly metrics: IngestMetrics,
    @Inject(INGEST_LIMITS) private readonly limits: IngestLimits,
    @Optional() @Inject(EXEMPLAR_STORAGE) private readonly exemplars?: ExemplarStorage,
  ) {}

  async receive(req: MaybeParsed): Promise<OtlpAnswer> {
    const answer = await this.handle(req);
    this.metrics.requests.inc({ protocol: 'otlp', code: String(answer.status) });
    return answer;
  }

  private async handle(req: MaybeParsed): Promise<OtlpAnswer> {
    const type = mediaType(req.headers['content-type']);
    const encoding: Encoding | undefined =
      type === 'application/x-protobuf' ? 'protobuf' : type === 'application/json' ? 'json' : undefined;
    if (encoding === undefined) {
      return plain(415, `unsupported Content-Type "${type}": use application/x-protobuf or application/json`);
    }
    try {
      const request = await this.decode(req, encoding);
      return await this.storeAll(translateOtlp(request), encoding);
    } catch (error) {
      if (error instanceof IngestHttpError) return status(error.status, error.message, encoding);
      if (error instanceof OtlpFormatError) return status(400, error.message, encoding);
      throw error;
    }
  }

  private async decode(req: MaybeParsed, encoding: Encoding): Promise<unknown> {
    // The app's JSON body parser may have read (and gunzipped) a JSON body already.
    if (encoding === 'json' && req.readableEnded) return req.body;
    const contentEncoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (contentEncoding !== 'gzip' && contentEncoding !== 'identity') {
      throw new IngestHttpError(415, `unsupported Content-Encoding "${contentEncoding}": use gzip or none`);
    }
    const gzip = contentEncoding === 'gzip';
    const body = await readBody(req, gzip ? this.limits.maxDecodedBytes : this.limits.maxBodyBytes, gzip);
    try {
      return encoding === 'json' ? JSON.parse(body.toString('utf8')) : decodeOtlpProtobuf(body);
    } catch (error) {
      throw new OtlpFormatError(`cannot decode the ${encoding} body: ${(error as Error).message}`);
    }
  }

  private async storeAll(
    translation: ReturnType<typeof translateOtlp>,
    encoding: Encoding,
  ): Promise<OtlpAnswer> {
    const result = await this.store.appendBatch(translation.samples);
    // Kept in memory only, like Prometheus' exemplar storage; refusals (out of order, duplicate) are not
    // errors of the push, as in Prometheus' OTLP receiver.
    for (const { series, exemplar } of translation.exemplars) this.exemplars?.append(series, exemplar);
    this.metrics.samples.inc({ protocol: 'otlp' }, result.accepted);
    const rejected = countRejected(result.rejected);
    for (const [reason, count] of rejected.reasons)
      this.metrics.rejected.inc({ protocol: 'otlp', reason }, count);
    if (translation.rejectedPoints > 0) {
      this.metrics.rejected.inc({ protocol: 'otlp', reason: 'unsupported' }, translation.rejectedPoints);
    }
    const messages = [...translation.errors];
    if (rejected.total > 0) {
      messages.push(
        `${rejected.total} samples rejected by the store (${rejected.reasons.map(([r, n]) => `${r}: ${n}`).join(', ')})`,
      );
    }
    const rejectedPoints = translation.rejectedPoints + rejected.total;
    const response =
      rejectedPoints === 0
        ? {}
        : {
            partialSuccess: { rejectedDataPoints: String(rejectedPoints), errorMessage: messages.join('; ') },
          };
    return encode(200, ExportMetricsServiceResponse, response, encoding);
  }
}

function plain(code: number, message: string): OtlpAnswer {
  return { status: code, contentType: 'text/plain', body: `${message}\n` };
}

/** An error answer as OTLP wants it: a google.rpc.Status in the request's encoding. */
function status(code: number, message: string, encoding: Encoding): OtlpAnswer {
  return encode(code, RpcStatus, { code: INVALID_ARGUMENT, message }, encoding);
}

function encode(
  code: number,
  type: typeof RpcStatus,
  message: Record<string, unknown>,
  encoding: Encoding,
): OtlpAnswer {
  if (encoding === 'json')
    return { status: code, contentType: 'application/json', body: JSON.stringify(message) };
  const bytes = type.encode(type.fromObject(message)).finish();
  return { status: code, contentType: 'application/x-protobuf', body: Buffer.from(bytes) };
}
