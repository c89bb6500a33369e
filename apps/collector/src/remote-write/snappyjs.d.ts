// snappyjs ships no types. Block compression is what is sent; decompression only reads requests back in
// the specs' loopback receiver (the collector's own receiver has its own strict decoder).
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
  export function uncompress(input: Uint8Array): Uint8Array;
}
