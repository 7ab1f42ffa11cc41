/** Open311 answers as JSON or XML (GeoReport v2 picks the format by the path's extension) and its
 *  error shape `[{code, description}]`, which differs from the /api one on purpose. */
import type { ErrorRequestHandler, Response } from 'express';
import { HttpError } from '../http/errors.js';

export type Format = 'json' | 'xml';

/** The element name of an array's items in GeoReport v2 XML (e.g. <services><service>…). */
const ITEM: Record<string, string> = {
  services: 'service', attributes: 'attribute', values: 'value', service_requests: 'request',
  errors: 'error', endpoints: 'endpoint', formats: 'format',
};

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
// XML 1.0 forbids most control characters even escaped; a resident's text never needs them.
// eslint-disable-next-line no-control-regex
const xmlText = (s: string) => escapeXml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));

/** One value as an XML element; arrays take their item element name from ITEM. */
export function toXml(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => toXml(ITEM[name] ?? 'item', v)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => toXml(k, v)).join('')}</${name}>`;
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

/** Sends `body` as JSON or as XML under the root element `root`. */
export function send(res: Response, format: Format, status: number, root: string, body: unknown): void {
  res.status(status);
  if (format === 'xml') res.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>\n${toXml(root, body)}\n`);
  else res.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** An Open311 failure: the HTTP status doubles as the error code, as the specification's examples do. */
export class Open311Error extends Error {
  constructor(readonly status: 400 | 403 | 404 | 413 | 415, readonly description: string) {
    super(description);
  }
}

/** The format named by a path's extension; anything but json or xml is a 404. */
export function formatOf(ext: string | undefined): Format {
  if (ext === 'json' || ext === 'xml') return ext;
  throw new Open311Error(404, `Unknown format ${ext ?? ''}: use .json or .xml`);
}

/** Error handler of the Open311 router: every failure as `[{code, description}]` in the request's format. */
export const open311Errors: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const format: Format = /\.xml(\?|$)/.test(req.originalUrl) ? 'xml' : 'json';
  let status = 500;
  let description = 'Internal server error';
  if (err instanceof Open311Error) [status, description] = [err.status, err.description];
  else if (err instanceof HttpError && err.status < 500) [status, description] = [err.status, err.message];
  else if (err?.type === 'entity.too.large') [status, description] = [413, 'The request body is too large'];
  else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) [status, description] = [err.status, String(err.message ?? 'Bad request')];
  else console.error(err);
  send(res, format, status, 'errors', [{ code: status, description }]);
};
