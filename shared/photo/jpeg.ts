/** JPEG without its location: drops every APP1 segment (EXIF, which holds the GPS IFD, and XMP) and
 *  copies everything else byte for byte. Segment syntax per ITU-T T.81 Annex B.1.1. */
import { concat, MalformedImage } from './bytes.js';

const APP1 = 0xe1;
const SOS = 0xda;
const EOI = 0xd9;

/** Markers that stand alone without a length field: TEM and RST0–RST7 (T.81 Table B.1). */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

/** Where the entropy-coded data after an SOS header ends: at the first marker that is neither a stuffed
 *  0xFF00 nor a restart marker (T.81 B.1.1.5). */
function endOfScan(src: Uint8Array, from: number): number {
  for (let k = from; k + 1 < src.length; k++) {
    if (src[k] !== 0xff) continue;
    const m = src[k + 1]!;
    if (m === 0x00 || m === 0xff || (m >= 0xd0 && m <= 0xd7)) continue;
    return k;
  }
  throw new MalformedImage('JPEG ends inside its image data (no EOI)');
}

/** The JPEG with its APP1 segments removed; throws MalformedImage when a segment runs past the end. */
export function stripJpeg(src: Uint8Array): Uint8Array {
  if (src.length < 4 || src[0] !== 0xff || src[1] !== 0xd8) throw new MalformedImage('not a JPEG (no SOI marker)');
  const keep: Array<[number, number]> = [[0, 2]];
  let i = 2;
  for (;;) {
    if (i >= src.length) throw new MalformedImage('JPEG ends before its image data');
    if (src[i] !== 0xff) throw new MalformedImage(`JPEG marker expected at byte ${i}`);
    // Any number of 0xFF fill bytes may precede a marker (T.81 B.1.1.2).
    let j = i;
    while (j < src.length && src[j] === 0xff) j++;
    if (j >= src.length) throw new MalformedImage('JPEG ends inside a marker');
    const marker = src[j]!;
    if (marker === EOI) {
      // Anything after EOI (e.g. a second picture of a multi-picture file, with its own EXIF) is dropped.
      keep.push([i, j + 1]);
      break;
    }
    if (standalone(marker)) {
      keep.push([i, j + 1]);
      i = j + 1;
      continue;
    }
    if (j + 2 >= src.length) throw new MalformedImage('JPEG ends inside a segment length');
    const length = (src[j + 1]! << 8) | src[j + 2]!;
    const end = j + 1 + length;
    if (length < 2 || end > src.length) throw new MalformedImage(`JPEG segment 0x${marker.toString(16)} runs past the end`);
    if (marker === SOS) {
      const next = endOfScan(src, end);
      keep.push([i, next]);
      i = next;
      continue;
    }
    if (marker !== APP1) keep.push([i, end]);
    i = end;
  }
  return concat(src, keep);
}
