/** Small real images (drawn by Chromium's canvas: 3×2 pixels; the JPEG carries JFIF and an ICC profile,
 *  the WebP is the extended format with VP8X and ICCP) and helpers that plant GPS metadata in them the
 *  way cameras and phones do: EXIF with a GPS IFD, XMP, PNG text chunks, WebP EXIF/XMP chunks. */
import { crc32 } from 'node:zlib';

export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAMDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAaEAEAAQUAAAAAAAAAAAAAAAAAAgEEM3Oy/8QAFQEBAQAAAAAAAAAAAAAAAAAABQf/xAAdEQAABQUAAAAAAAAAAAAAAAAAAQIEsQMzNHFy/9oADAMBAAIRAxEAPwCcu8sdcOaACHN5ezkU1ljU+Sgf/9k=',
  'base64',
);
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAF0lEQVR4AWI6Y2z833jm//8gmokBCQAAAAD//8W/Z50AAAAGSURBVAMAikQHMV2KjtAAAAAASUVORK5CYII=', 'base64');
export const WEBP = Buffer.from(
  'UklGRjQCAABXRUJQVlA4WAoAAAAgAAAAAgAAAQAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggRgAAAPACAJ0BKgMAAgABQCYlqAJ0ugDJAP0AywD9AAW7WXUQAP7O0yt1LUb3Wqr4eKL7+dt1U/+r0+Vod/9g4/5enytDv8xAAAA=',
  'base64',
);

/** A text that marks planted metadata, so a test can look for it in any output. */
export const GPS_MARK = 'GPSLatitude 35.8355 N GPSLongitude 50.9915 E';

/** A big-endian TIFF block as EXIF carries it: IFD0 with a GPSInfo pointer (tag 0x8825) to a GPS IFD holding
 *  GPSLatitudeRef 'N' and GPSLatitude 35/1 50/1 756/100 (35° 50' 7.56"), then the marker text. */
export function exifTiff(): Buffer {
  const b = Buffer.alloc(8 + 18 + 30 + 24);
  b.write('MM', 0, 'latin1');
  b.writeUInt16BE(42, 2);
  b.writeUInt32BE(8, 4); // IFD0 at 8
  b.writeUInt16BE(1, 8); // one entry
  b.writeUInt16BE(0x8825, 10); // GPSInfo
  b.writeUInt16BE(4, 12); // LONG
  b.writeUInt32BE(1, 14);
  b.writeUInt32BE(26, 18); // GPS IFD at 26
  b.writeUInt32BE(0, 22); // no next IFD
  b.writeUInt16BE(2, 26);
  b.writeUInt16BE(0x0001, 28); // GPSLatitudeRef
  b.writeUInt16BE(2, 30); // ASCII
  b.writeUInt32BE(2, 32);
  b.write('N\0', 36, 'latin1');
  b.writeUInt16BE(0x0002, 40); // GPSLatitude
  b.writeUInt16BE(5, 42); // RATIONAL
  b.writeUInt32BE(3, 44);
  b.writeUInt32BE(56, 48); // values at 56
  b.writeUInt32BE(0, 52);
  [35, 1, 50, 1, 756, 100].forEach((v, i) => b.writeUInt32BE(v, 56 + 4 * i));
  return Buffer.concat([b.subarray(0, 80), Buffer.from(GPS_MARK, 'latin1')]);
}

/** An XMP packet with a GPS position. */
export const xmpPacket = () =>
  Buffer.from(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="35,50.126N" exif:GPSLongitude="50,59.49E"/></rdf:RDF></x:xmpmeta><!-- ${GPS_MARK} -->`, 'utf8');

const jpegSegment = (marker: number, payload: Buffer) => {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

/** The JPEG with an EXIF APP1 (with GPS) right after SOI and an XMP APP1 after the existing APP segments. */
export function jpegWithGps(jpeg: Buffer = JPEG): Buffer {
  const exif = jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff()]));
  const xmp = jpegSegment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), xmpPacket()]));
  // APP0 JFIF is 2 + 18 bytes, APP2 ICC follows it; put XMP after APP2 (before DQT at the first 0xFFDB).
  const dqt = jpeg.indexOf(Buffer.from([0xff, 0xdb]));
  return Buffer.concat([jpeg.subarray(0, 2), exif, jpeg.subarray(2, dqt), xmp, jpeg.subarray(dqt)]);
}

const pngChunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([len, typed, crc]);
};

/** The PNG with eXIf, tEXt, zTXt and iTXt (XMP) chunks before IDAT, each with a correct CRC. */
export function pngWithGps(png: Buffer = PNG): Buffer {
  const idat = png.indexOf(Buffer.from('IDAT', 'latin1')) - 4;
  const chunks = Buffer.concat([
    pngChunk('eXIf', exifTiff()),
    pngChunk('tEXt', Buffer.from(`Comment\0${GPS_MARK}`, 'latin1')),
    pngChunk('zTXt', Buffer.from(`Location\0\0${GPS_MARK}`, 'latin1')),
    pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), xmpPacket()])),
  ]);
  return Buffer.concat([png.subarray(0, idat), chunks, png.subarray(idat)]);
}

const riffChunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);
};

/** The WebP with EXIF and XMP chunks appended (the XMP one of odd length, so padded), VP8X flags E and X set, RIFF size fixed. */
export function webpWithGps(webp: Buffer = WEBP): Buffer {
  const xmp = xmpPacket();
  const out = Buffer.concat([webp, riffChunk('EXIF', exifTiff()), riffChunk('XMP ', xmp.length % 2 ? xmp : Buffer.concat([xmp, Buffer.from(' ')]))]);
  out.writeUInt32LE(out.length - 8, 4);
  const vp8x = out.indexOf(Buffer.from('VP8X', 'latin1'));
  out[vp8x + 8] = out[vp8x + 8]! | 0x08 | 0x04;
  return out;
}

/** Whether planted metadata survives anywhere in the bytes. */
export const hasGps = (b: Uint8Array) => {
  const s = Buffer.from(b).toString('latin1');
  return s.includes(GPS_MARK) || s.includes('Exif\0\0') || s.includes('GPSLatitude') || s.includes('xmpmeta');
};
