/** One typed HTTP error and the handler that answers every failure as `{error: {code, message, fields}}`. */
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

/** A failure the client caused or may see; anything else thrown is a bug and answers 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Turns a zod error into a 400 whose `fields` are keyed by the dotted path, prefixed by where it came from. */
export function validationError(where: 'body' | 'query' | 'params', error: z.ZodError): HttpError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [where, ...issue.path.map(String)].join('.');
    if (!(key in fields)) fields[key] = issue.message;
  }
  return new HttpError(400, 'validation_failed', `Invalid ${where}: ${Object.keys(fields).join(', ')}`, fields);
}

/** Express error handler: HttpError as is, body-parser failures as 400/413, the rest as 500 (logged). */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  let e: HttpError;
  if (err instanceof HttpError) e = err;
  else if (err?.type === 'entity.too.large') e = new HttpError(413, 'payload_too_large', 'The request body is too large');
  else if (err?.type === 'entity.parse.failed') e = new HttpError(400, 'invalid_json', 'The request body is not valid JSON');
  else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) e = new HttpError(err.status, 'bad_request', String(err.message ?? 'Bad request'));
  else {
    console.error(err);
    e = new HttpError(500, 'internal', 'Internal server error');
  }
  for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
  res.status(e.status).json({ error: { code: e.code, message: e.message, fields: e.fields } });
};
