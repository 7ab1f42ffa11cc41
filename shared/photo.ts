/** Residents' photos: the type sniffed from the magic bytes (never the name or the declared type), and
 *  the location metadata stripped before anything is stored. Pure byte functions, usable in the browser. */
import { MalformedImage } from './photo/bytes.js';
import { stripJpeg } from './photo/jpeg.js';
import { stripPng } from './photo/png.js';
import { stripWebp } from './photo/webp.js';

export { MalformedImage };

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** File name extension of each type, for Content-Disposition. */
export const PHOTO_EXTENSION: Readonly<Record<PhotoType, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The image type by its first bytes (JPEG SOI + marker, PNG signature, RIFF….WEBP), or null. */
export function sniffImage(b: Uint8Array): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  return null;
}

/** The image without EXIF/XMP/text metadata, by its sniffed type; throws MalformedImage for anything else. */
export function stripLocation(b: Uint8Array): { type: PhotoType; bytes: Uint8Array } {
  const type = sniffImage(b);
  if (type === 'image/jpeg') return { type, bytes: stripJpeg(b) };
  if (type === 'image/png') return { type, bytes: stripPng(b) };
  if (type === 'image/webp') return { type, bytes: stripWebp(b) };
  throw new MalformedImage('not a JPEG, PNG or WebP image');
}
