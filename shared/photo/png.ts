/** PNG without its location: drops eXIf (EXIF, with GPS) and the text chunks tEXt, zTXt, iTXt (XMP
 *  travels in iTXt "XML:com.adobe.xmp"); other chunks are copied unchanged with their CRCs
 *  (PNG 3rd edition, W3C 2025, section 5.3 chunk layout, 11.3 ancillary chunks). */
import { concat, MalformedImage } from './bytes.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt']);

/** The PNG with its metadata chunks removed; throws MalformedImage when a chunk runs past the end or IEND is missing. */
export function stripPng(src: Uint8Array): Uint8Array {
  if (src.length < 8 || SIGNATURE.some((b, k) => src[k] !== b)) throw new MalformedImage('not a PNG (bad signature)');
  const keep: Array<[number, number]> = [[0, 8]];
  let i = 8;
  for (;;) {
    if (i + 12 > src.length) throw new MalformedImage('PNG ends before IEND');
    const length = ((src[i]! << 24) | (src[i + 1]! << 16) | (src[i + 2]! << 8) | src[i + 3]!) >>> 0;
    const type = String.fromCharCode(src[i + 4]!, src[i + 5]!, src[i + 6]!, src[i + 7]!);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new MalformedImage(`PNG chunk type expected at byte ${i + 4}`);
    const end = i + 12 + length;
    if (end > src.length) throw new MalformedImage(`PNG chunk ${type} runs past the end`);
    if (!DROP.has(type)) keep.push([i, end]);
    i = end;
    // Bytes after IEND are not part of the image and may carry anything: they are dropped too.
    if (type === 'IEND') break;
  }
  return concat(src, keep);
}
