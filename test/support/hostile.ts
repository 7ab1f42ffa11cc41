/** A catalogue of hostile values for fuzzing: strings, numbers, coordinates, GeoJSON, path segments, raw bodies. */

/** Text that has broken parsers, renderers and SQL builders elsewhere. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE sites; --",
  '1; SELECT sqlite_version()',
  '" OR ""="',
  "%' AND 1=1 --",
  '\\',
  '\\%_',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%s%s%s%n',
  // Mixed scripts and bidirectional controls (Trojan Source, CVE-2021-42574).
  'دکل Mast ۱۲۳ 123 мачта 塔',
  '\u202Egnp.exe\u202C',
  'abc\u2066\u2069\u2067\u2068',
  '\u200F\u200E\u061C',
  'زو\u200Cج',
  '\uFEFFbom',
  'a\u0000b',
  'line\r\nInjected: header',
  '\u0007\u001b[31m',
  '\uD800',
  '\uDFFF\uD800',
  '😀👨‍👩‍👧‍👦',
  'ﷺ'.repeat(50),
  'Z̷̢̛͓a̶l̷g̸o̵'.repeat(5),
  '',
  ' ',
  '\t\n',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x1F',
  '۱۲۳۴',
  'true',
  '[]',
  '{}',
];

/** Numbers at and past every edge (JSON can carry all of these except NaN, sent raw elsewhere). */
export const HOSTILE_NUMBERS: readonly number[] = [
  0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER - 2, 5e-324, 0.1, 1.5, 91, -91, 181, -181, 360, 1e9, 2 ** 31, 2 ** 63,
];

/** Coordinates pairs out of range or not finite, as raw JSON text so 1e999 (parses to Infinity) gets through. */
export const HOSTILE_COORD_TEXT: readonly string[] = ['1e999', '-1e999', '91', '-90.0000001', '181', '-180.5', '"35.8"', 'null', 'true', '[]', '{}', '1e-400', '90.00000000000001'];

/** Literal JSON-ish texts that are not valid JSON numbers; the body then fails to parse. */
export const NON_JSON_NUMBERS: readonly string[] = ['NaN', 'Infinity', '-Infinity', '0x10', '.5', '+1', '1.', '01'];

const bowtie = { type: 'Polygon', coordinates: [[[50.9, 35.8], [51.0, 35.9], [51.0, 35.8], [50.9, 35.9], [50.9, 35.8]]] };

/** Invalid or degenerate GeoJSON: self-intersecting, unclosed, too short, wrong nesting, out of range. */
export const HOSTILE_GEOJSON: readonly unknown[] = [
  bowtie,
  { type: 'Polygon', coordinates: [[[50.9, 35.8], [51.0, 35.9], [51.0, 35.8]]] },
  { type: 'Polygon', coordinates: [[[50.9, 35.8], [50.9, 35.8]]] },
  { type: 'Polygon', coordinates: [] },
  { type: 'Polygon', coordinates: [[]] },
  { type: 'Polygon', coordinates: [[['a', 'b'], [1, 2], [3, 4], ['a', 'b']]] },
  { type: 'Polygon', coordinates: [[[500, 95], [501, 95], [501, 96], [500, 95]]] },
  { type: 'Polygon', coordinates: [[[50.9, 35.8, 1, 2, 3], [51, 35.8], [51, 35.9], [50.9, 35.8, 1, 2, 3]]] },
  { type: 'MultiPolygon', coordinates: [[[50.9, 35.8], [51, 35.8], [51, 35.9], [50.9, 35.8]]] },
  { type: 'Point', coordinates: [200, 100] },
  { type: 'Point', coordinates: [] },
  { type: 'Point', coordinates: 'here' },
  { type: 'LineString', coordinates: [[50.9, 35.8]] },
  { type: 'GeometryCollection', geometries: [bowtie, { type: 'GeometryCollection', geometries: [] }] },
  { type: 'Feature', geometry: bowtie, properties: null },
  { type: 'FeatureCollection', features: [{ type: 'Feature' }, null, 7] },
  { type: 'Circle', radius: 5 },
  { type: 'polygon', coordinates: [[[50.9, 35.8], [51, 35.8], [51, 35.9], [50.9, 35.8]]] },
  { coordinates: [[[50.9, 35.8], [51, 35.8], [51, 35.9], [50.9, 35.8]]] },
  { type: 'Polygon', coordinates: Array.from({ length: 3000 }, (_, i) => [[50.9 + i * 1e-5, 35.8], [51, 35.8 + i * 1e-5], [50.9, 35.81], [50.9 + i * 1e-5, 35.8]]) },
];

/** Hostile values for a numeric path segment (already URL-safe or percent-encoded). */
export const HOSTILE_PATH_SEGMENTS: readonly string[] = [
  '0', '-1', '1.5', 'abc', '1e3', '99999999999999999999999', '9007199254740993', '%00', '%2e%2e%2f%2e%2e', '..', '1%27%20OR%20%271%27%3D%271',
  '%DB%B1%DB%B2', '%20%31', '0x10', 'Infinity', 'NaN', '%3Cscript%3E', '%E2%80%AE1', '%E0%A4%A', '%C0%AE', '%', 'null', '1;2', '1,2', '%2F', '1%0A',
];

/** Hostile percent-encoded query values. */
export const HOSTILE_QUERY_VALUES: readonly string[] = [
  '', '%ZZ', '%', '%C0%AE', '%00', 'NaN', 'Infinity', '-Infinity', '1e999', '-0', '1,2,3', '%27%20OR%201%3D1--', '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
  '%E2%80%AE', '%D8%AF%DA%A9%D9%84', 'true', 'x'.repeat(3000), '50,35,51', '51,35,50,36', '-181,-91,181,91', 'NaN,NaN,NaN,NaN', '1e999,0,0,0', '0,0,0,0',
];

/** Raw bodies that are not the JSON anyone expects. */
export const HOSTILE_RAW_BODIES: readonly string[] = [
  '', '{', '{"a":}', "{'a':1}", '\uFEFF{}', 'null', '[]', '""', '0', 'true', '{"a":1,"a":2}', '\u0000', '[' .repeat(3000) + ']'.repeat(3000),
  '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  'a=1&b=2', '--boundary\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--boundary--', '{"lat": NaN, "lon": Infinity}', 'ÿþ{',
];

/** Content types sent with bodies they do not describe. */
export const HOSTILE_CONTENT_TYPES: readonly string[] = [
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16',
  'application/json; charset=koi8-r', 'application/octet-stream', 'image/png', 'application/merge-patch+json', '*/*', 'application/json;;;',
];

/** Field names that should be refused or ignored, never obeyed. */
export const HOSTILE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'id', 'role', 'created_at', 'antenna_count', '$where', 'x'.repeat(500), 'ب', ''];
