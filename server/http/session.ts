/** Cookie sessions stored server-side (hashed token), CSRF token per session, role checks. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Access } from '../../shared/api/endpoint.js';
import type { Role } from '../../shared/model.js';
import type { DB } from '../db.js';
import { HttpError } from './errors.js';

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  operator_id: string | null;
  csrf: string;
  session_id: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser | null;
  }
}

export const COOKIE = 'dakal_session';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Reads one cookie from the request's Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** Session store over the `sessions` table with idle expiry. */
export class Sessions {
  private readonly find;
  private readonly touch;
  private readonly insert;
  private readonly remove;
  constructor(private readonly db: DB, private readonly idleMs: number) {
    this.find = db.prepare(
      `SELECT s.id AS session_id, s.csrf, s.last_seen_at, u.id, u.username, u.role, u.operator_id
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    );
    this.touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
    this.insert = db.prepare('INSERT INTO sessions (id, user_id, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)');
    this.remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  }

  /** Creates a fresh session (a new id at every login) and returns the cookie token and CSRF token. */
  create(userId: number, now = Date.now()): { token: string; csrf: string } {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    this.insert.run(hash(token), userId, csrf, now, now);
    return { token, csrf };
  }

  /** The user of a live session token, refreshing its idle clock; null when unknown or expired. */
  lookup(token: string, now = Date.now()): SessionUser | null {
    const id = hash(token);
    const row = this.find.get(id) as (SessionUser & { last_seen_at: number }) | undefined;
    if (!row) return null;
    if (now - row.last_seen_at > this.idleMs) {
      this.remove.run(id);
      return null;
    }
    if (now - row.last_seen_at > 60_000) this.touch.run(now, id);
    const { last_seen_at: _, ...user } = row;
    return user;
  }

  /** Deletes a session on the server. */
  destroy(sessionId: string): void {
    this.remove.run(sessionId);
  }
}

/** Middleware: attaches `req.user` and enforces the CSRF header on cookie-authenticated writes. */
export function sessionMiddleware(sessions: Sessions) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = readCookie(req, COOKIE);
    req.user = token ? sessions.lookup(token) : null;
    const writes = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    if (req.user && writes && !req.path.endsWith('/auth/login')) {
      const sent = req.get('x-csrf-token') ?? '';
      const a = Buffer.from(sent);
      const b = Buffer.from(req.user.csrf);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        next(new HttpError(403, 'csrf_failed', 'Missing or wrong X-CSRF-Token header for a signed-in change'));
        return;
      }
    }
    next();
  };
}

/** Checks the endpoint's access level against `req.user`; throws 401/403. */
export function authorise(req: Request, access: Access): SessionUser | null {
  const user = req.user ?? null;
  if (access === 'public') return user;
  if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in to do this');
  const ok =
    access === 'user' ||
    (access === 'planner' && (user.role === 'planner' || user.role === 'admin')) ||
    (access === 'admin' && user.role === 'admin') ||
    (access === 'operator' && user.role === 'operator');
  if (!ok) throw new HttpError(403, 'forbidden', `This needs the ${access} role`);
  return user;
}

/** True when `user` may change what `operatorId` owns: planners and admins always, operators only their own. */
export function mayActFor(user: SessionUser, operatorId: string): boolean {
  return user.role === 'planner' || user.role === 'admin' || user.operator_id === operatorId;
}
