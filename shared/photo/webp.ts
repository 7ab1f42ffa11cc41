/** WebP without its location: drops the EXIF and XMP chunks of the RIFF container, clears their flags
 *  in VP8X and rewrites the RIFF size (Google "WebP Container Specification", extended file format). */
import { concat, MalformedImage } from './bytes.js';

const DROP = new Set(['EXIF', 'XMP ']);
/** VP8X flag bits |Rsv|I|L|E|X|A|R| of the first flags byte: E = EXIF present, X = XMP present. */
const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;

const fourcc = (b: Uint8Array, i: number) => String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
const u32le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

/** The WebP with its EXIF and XMP chunks removed; throws MalformedImage when a chunk runs past the RIFF size. */
export function stripWebp(src: Uint8Array): Uint8Array {
  if (src.length < 12 || fourcc(src, 0) !== 'RIFF' || fourcc(src, 8) !== 'WEBP') throw new MalformedImage('not a WebP (no RIFF/WEBP header)');
  const riffEnd = 8 + u32le(src, 4);
  if (riffEnd > src.length || riffEnd < 12) throw new MalformedImage('WebP RIFF size runs past the end');
  const keep: Array<[number, number]> = [[0, 12]];
  let vp8xAt = -1;
  let i = 12;
  while (i < riffEnd) {
    if (i + 8 > riffEnd) throw new MalformedImage('WebP ends inside a chunk header');
    const type = fourcc(src, i);
    const size = u32le(src, i + 4);
    // Chunks are padded to an even size.
    const end = i + 8 + size + (size & 1);
    if (end > riffEnd) throw new MalformedImage(`WebP chunk ${type} runs past the end`);
    if (type === 'VP8X') vp8xAt = keep.reduce((n, [a, b]) => n + b - a, 0);
    if (!DROP.has(type)) keep.push([i, end]);
    i = end;
  }
  const out = concat(src, keep);
  const size = out.length - 8;
  out[4] = size & 0xff;
  out[5] = (size >>> 8) & 0xff;
  out[6] = (size >>> 16) & 0xff;
  out[7] = (size >>> 24) & 0xff;
  if (vp8xAt >= 0) out[vp8xAt + 8] = out[vp8xAt + 8]! & ~(EXIF_FLAG | XMP_FLAG);
  return out;
}
