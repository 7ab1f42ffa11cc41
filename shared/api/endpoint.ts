/** How an API endpoint is declared once, for the server's validation, the client's types and
 *  the OpenAPI document. */
import { z } from 'zod';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
/** Who may call: anyone, any signed-in user, a planner (or admin), an admin, an operator account. */
export type Access = 'public' | 'user' | 'planner' | 'admin' | 'operator';

export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  id: string;
  method: Method;
  /** Express-style path, `/api/sites/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** What a 2xx answer holds, for the document. */
  response: { status: number; description: string; contentType?: string; schema?: z.ZodType };
}

/** Declares an endpoint, keeping its schema types for the handler. */
export function endpoint<P extends z.ZodType = z.ZodNever, Q extends z.ZodType = z.ZodNever, B extends z.ZodType = z.ZodNever>(
  e: Endpoint<P, Q, B>,
): Endpoint<P, Q, B> {
  return e;
}

/** The standard error body: `{error: {code, message, fields}}`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A `w,s,e,n` bounding box in degrees, checked for order and range. */
export const BBox = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => Number(p));
    const [w, so, e, n] = parts;
    if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p)) || w === undefined || so === undefined || e === undefined || n === undefined) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers w,s,e,n' });
      return z.NEVER;
    }
    if (w < -180 || e > 180 || so < -90 || n > 90 || w > e || so > n) {
      ctx.addIssue({ code: 'custom', message: 'bbox must satisfy -180 <= w <= e <= 180 and -90 <= s <= n <= 90' });
      return z.NEVER;
    }
    return [w, so, e, n] as [number, number, number, number];
  });
export type BBox = [number, number, number, number];

/** A query-string number within bounds. */
export const qNumber = (min: number, max: number) => z.coerce.number().finite().gte(min).lte(max);
/** A query-string integer within bounds. */
export const qInt = (min: number, max: number) => z.coerce.number().int().gte(min).lte(max);
/** A query-string boolean: `true`/`false`/`1`/`0`. */
export const qBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** A numeric path id. */
export const IdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict();
