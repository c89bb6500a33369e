// snappyjs ships no types; only block compression is used (remote_write bodies).
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
}
