/** Photo sniffing and location stripping on crafted files: real 3×2 images from Chromium's canvas with GPS
 *  metadata planted as cameras write it. Stripping the planted file must give back the original bytes. */
import { describe, expect, it } from 'vitest';
import { MalformedImage, sniffImage, stripLocation } from '../../shared/photo.js';
import { stripJpeg } from '../../shared/photo/jpeg.js';
import { stripPng } from '../../shared/photo/png.js';
import { stripWebp } from '../../shared/photo/webp.js';
import { GPS_MARK, JPEG, PNG, WEBP, hasGps, jpegWithGps, pngWithGps, webpWithGps } from '../support/photos.js';

const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

describe('sniffing the type from the magic bytes', () => {
  it('knows JPEG, PNG and WebP whatever they are called', () => {
    expect(sniffImage(u8(JPEG))).toBe('image/jpeg');
    expect(sniffImage(u8(PNG))).toBe('image/png');
    expect(sniffImage(u8(WEBP))).toBe('image/webp');
  });

  it('refuses GIF, SVG, HTML, a RIFF that is not WebP, and too few bytes', () => {
    expect(sniffImage(u8(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')))).toBeNull();
    expect(sniffImage(u8(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toBeNull();
    expect(sniffImage(u8(Buffer.from('<!doctype html><script>alert(1)</script>')))).toBeNull();
    expect(sniffImage(u8(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')))).toBeNull();
    expect(sniffImage(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(() => stripLocation(u8(Buffer.from('GIF89a')))).toThrow(MalformedImage);
  });
});

describe('JPEG: APP1 EXIF and XMP segments dropped, everything else byte for byte', () => {
  it('gives back the original after EXIF-with-GPS and XMP were planted', () => {
    const dirty = jpegWithGps();
    expect(hasGps(dirty)).toBe(true);
    const clean = Buffer.from(stripJpeg(u8(dirty)));
    expect(hasGps(clean)).toBe(false);
    expect(clean.equals(JPEG)).toBe(true);
  });

  it('keeps APP0 JFIF and the APP2 ICC profile', () => {
    const clean = Buffer.from(stripJpeg(u8(jpegWithGps())));
    expect(clean.indexOf(Buffer.from('JFIF\0', 'latin1'))).toBe(6);
    expect(clean.indexOf(Buffer.from('ICC_PROFILE', 'latin1'))).toBeGreaterThan(0);
  });

  it('drops what follows EOI, where a multi-picture file keeps a second image with its own EXIF', () => {
    const second = jpegWithGps();
    const clean = Buffer.from(stripJpeg(u8(Buffer.concat([JPEG, second]))));
    expect(clean.equals(JPEG)).toBe(true);
  });

  it('reads through stuffed 0xFF00 bytes, restart markers and fill bytes in the scan', () => {
    const eoi = JPEG.length - 2;
    // Fake entropy data with a stuffed byte, an RST marker, then fill bytes before EOI.
    const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd3, 0x56, 0xff, 0xff]);
    const withMarkers = Buffer.concat([JPEG.subarray(0, eoi), scan, Buffer.from([0xff, 0xd9])]);
    const clean = Buffer.from(stripJpeg(u8(withMarkers)));
    expect(clean.equals(withMarkers)).toBe(true);
  });

  it('refuses a truncated file and a segment that runs past the end', () => {
    expect(() => stripJpeg(u8(JPEG.subarray(0, 300)))).toThrow(MalformedImage);
    const bad = Buffer.from(JPEG);
    bad.writeUInt16BE(0xfff0, 4); // APP0 claims 65 520 bytes
    expect(() => stripJpeg(u8(bad))).toThrow(/runs past the end/);
    expect(() => stripJpeg(u8(Buffer.from([0xff, 0xd8, 0x00, 0x00])))).toThrow(MalformedImage);
  });
});

describe('PNG: eXIf, tEXt, zTXt and iTXt chunks dropped', () => {
  it('gives back the original after the four chunks were planted', () => {
    const dirty = pngWithGps();
    expect(hasGps(dirty)).toBe(true);
    const clean = Buffer.from(stripPng(u8(dirty)));
    expect(hasGps(clean)).toBe(false);
    expect(clean.equals(PNG)).toBe(true);
  });

  it('drops bytes after IEND and refuses a missing IEND or a bad signature', () => {
    const tail = Buffer.concat([PNG, Buffer.from(GPS_MARK)]);
    expect(Buffer.from(stripPng(u8(tail))).equals(PNG)).toBe(true);
    expect(() => stripPng(u8(PNG.subarray(0, PNG.length - 12)))).toThrow(/before IEND/);
    const sig = Buffer.from(PNG);
    sig[1] = 0x51;
    expect(() => stripPng(u8(sig))).toThrow(MalformedImage);
  });
});

describe('WebP: EXIF and XMP chunks dropped, VP8X flags and RIFF size fixed', () => {
  it('gives back the original after the chunks were planted and flagged', () => {
    const dirty = webpWithGps();
    expect(hasGps(dirty)).toBe(true);
    const vp8x = dirty.indexOf(Buffer.from('VP8X', 'latin1'));
    expect(dirty[vp8x + 8]! & 0x0c).toBe(0x0c);
    const clean = Buffer.from(stripWebp(u8(dirty)));
    expect(hasGps(clean)).toBe(false);
    expect(clean.readUInt32LE(4)).toBe(clean.length - 8);
    expect(clean[vp8x + 8]! & 0x0c).toBe(0);
    // The ICC flag (0x20) stays: the ICCP chunk is still there.
    expect(clean[vp8x + 8]! & 0x20).toBe(0x20);
    expect(clean.equals(WEBP)).toBe(true);
  });

  it('refuses a chunk that runs past the RIFF size', () => {
    const bad = Buffer.from(WEBP);
    bad.writeUInt32LE(0x7fffffff, 16); // VP8X claims 2 GB
    expect(() => stripWebp(u8(bad))).toThrow(/runs past the end/);
    const short = Buffer.from(WEBP);
    short.writeUInt32LE(WEBP.length + 100, 4);
    expect(() => stripWebp(u8(short))).toThrow(MalformedImage);
  });
});

describe('stripLocation picks the stripper by the sniffed type', () => {
  it('strips each type and reports the sniffed type', () => {
    for (const [dirty, type, orig] of [[jpegWithGps(), 'image/jpeg', JPEG], [pngWithGps(), 'image/png', PNG], [webpWithGps(), 'image/webp', WEBP]] as const) {
      const r = stripLocation(u8(dirty));
      expect(r.type).toBe(type);
      expect(Buffer.from(r.bytes).equals(orig)).toBe(true);
    }
  });
});
