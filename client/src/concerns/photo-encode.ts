/** A resident's photo made safe to send: its type checked by content, then redrawn through a canvas as
 *  a JPEG, which applies the camera's orientation and leaves every metadata block (EXIF GPS, XMP)
 *  behind, since a canvas carries pixels only. The server strips metadata again; this keeps a home's
 *  location from leaving the phone at all. */
import { CONCERN_LIMITS } from '../../../shared/concerns.js';
import { sniffImage } from '../../../shared/photo.js';

/** Longest edge sent: plenty to see a mast or a crack, and a phone's 12 MP photo becomes about 0.5 MB. */
const MAX_EDGE_PX = 2048;
/** A file larger than this is not decoded at all: a phone's camera photo is under 15 MB, and decoding
 *  a huge image can exhaust a phone's memory. The 5 MB limit applies to what is sent. */
export const MAX_ORIGINAL_BYTES = 4 * CONCERN_LIMITS.photoBytes;

/** Why a photo cannot be sent: not an image we take, too large, or undecodable. */
export type PhotoProblem = 'type' | 'size' | 'unreadable';

/** A photo ready to send, or why not. */
export type PreparedPhoto = { ok: true; dataUrl: string; bytes: number; width: number; height: number } | { ok: false; problem: PhotoProblem };

/** Bytes of a base64 data URL's payload. */
const dataUrlBytes = (url: string): number => {
  const b64 = url.slice(url.indexOf(',') + 1);
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
};

function toDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

function canvasJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/** Reads, checks and re-encodes a chosen file. */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  if (file.size > MAX_ORIGINAL_BYTES) return { ok: false, problem: 'size' };
  // By content, not by name or declared type (the server sniffs the same way: shared/photo.ts).
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (sniffImage(head) === null) return { ok: false, problem: 'type' };
  let bitmap: ImageBitmap;
  try {
    // 'from-image' turns the pixels the way the camera's EXIF orientation says, before the EXIF is dropped.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const scale = Math.min(1, MAX_EDGE_PX / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const g = canvas.getContext('2d');
  if (!g) return { ok: false, problem: 'unreadable' };
  // JPEG has no transparency: a white ground instead of black under a PNG's clear pixels.
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  for (const quality of [0.85, 0.7, 0.5]) {
    const blob = await canvasJpeg(canvas, quality);
    if (!blob) return { ok: false, problem: 'unreadable' };
    if (blob.size <= CONCERN_LIMITS.photoBytes) {
      const dataUrl = await toDataUrl(blob);
      return { ok: true, dataUrl, bytes: dataUrlBytes(dataUrl), width: canvas.width, height: canvas.height };
    }
  }
  return { ok: false, problem: 'size' };
}
