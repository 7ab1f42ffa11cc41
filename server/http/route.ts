/** Mounts a declared endpoint: authorise, validate, call, respond. */
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Endpoint } from '../../shared/api/endpoint.js';
import { HttpError, validationError } from './errors.js';
import { authorise, type SessionUser } from './session.js';

export interface Input<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  user: SessionUser | null;
  req: Request;
  res: Response;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Registers `handler` for `e`; a returned value is sent as JSON with the endpoint's status, `undefined` means the handler responded itself. */
export function mount<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  router: Router,
  e: Endpoint<P, Q, B>,
  handler: (input: Input<Out<P>, Out<Q>, Out<B>>) => unknown | Promise<unknown>,
): void {
  router[e.method](e.path, async (req: Request, res: Response) => {
    const user = authorise(req, e.access);
    const params = parse('params', e.params, req.params);
    const query = parse('query', e.query, req.query);
    const body = parse('body', e.body, req.body);
    const result = await handler({ params, query, body, user, req, res } as Input<Out<P>, Out<Q>, Out<B>>);
    if (result === undefined) {
      if (!res.headersSent) res.status(e.response.status).end();
      return;
    }
    res.status(e.response.status);
    if (e.response.contentType) res.type(e.response.contentType);
    res.json(result);
  });
}

function parse(where: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) {
    if (where === 'query' && value && typeof value === 'object' && Object.keys(value).length > 0) {
      throw new HttpError(400, 'validation_failed', 'This endpoint takes no query parameters', Object.fromEntries(Object.keys(value).map((k) => [`query.${k}`, 'unknown parameter'])));
    }
    return undefined;
  }
  if (where === 'query' && value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw new HttpError(400, 'validation_failed', `Query parameter ${k} must be given once as plain text`, { [`query.${k}`]: 'must be a single value' });
    }
  }
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!r.success) throw validationError(where, r.error);
  return r.data;
}
