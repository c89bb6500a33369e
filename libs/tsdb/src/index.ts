export { STALE_NAN, isStaleMarker, sameFloatBits } from './lib/encoding/float-bits';
export type { SampleIterator } from './lib/chunk/sample-iterator';
export { SAMPLES_PER_CHUNK, XorAppender, XorIterator, chunkSampleCount } from './lib/chunk/xor-chunk';
