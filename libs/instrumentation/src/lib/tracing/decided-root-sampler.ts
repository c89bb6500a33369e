import {
  createContextKey,
  type Attributes,
  type Context,
  type Link,
  type SpanKind,
} from '@opentelemetry/api';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace-base';

/**
 * Set by the HTTP middleware on the context it starts a new root server span in, once it has drawn that
 * request into the sample. The SDK's root sampler must not draw again: two draws at ratio r keep r² of the
 * requests (at the default 0.1, one in a hundred), and the other nine of ten the middleware picked would run
 * as unrecorded spans.
 */
export const SAMPLED_BY_MIDDLEWARE = createContextKey('neo.instrumentation.sampled-by-middleware');

/**
 * The root sampler under the parent-based one: a root the middleware already sampled is recorded; any other
 * root (spans started in code: event publishing, background work) is left to `otherRoots`.
 */
export class DecidedRootSampler implements Sampler {
  constructor(private readonly otherRoots: Sampler) {}

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    if (context.getValue(SAMPLED_BY_MIDDLEWARE) === true) {
      return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    }
    return this.otherRoots.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `DecidedRootSampler{otherRoots=${this.otherRoots.toString()}}`;
  }
}
