// snappyjs ships no types; only block compression is used here (decoding has its own strict decoder).
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
}
