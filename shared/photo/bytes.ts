/** What the photo strippers share: their one error and the byte-range join. */

/** Thrown when the bytes are not a well-formed image of the claimed type. */
export class MalformedImage extends Error {}

/** The listed [start, end) ranges of `src`, joined. */
export function concat(src: Uint8Array, ranges: ReadonlyArray<readonly [number, number]>): Uint8Array {
  let n = 0;
  for (const [a, b] of ranges) n += b - a;
  const out = new Uint8Array(n);
  let o = 0;
  for (const [a, b] of ranges) {
    out.set(src.subarray(a, b), o);
    o += b - a;
  }
  return out;
}
