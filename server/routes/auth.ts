/** Sign in, sign out, who am I. */
import type { Router } from 'express';
import * as api from '../../shared/api/registry.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import { mount } from '../http/route.js';
import { COOKIE } from '../http/session.js';
import { LoginThrottle } from '../http/throttle.js';

/** Mounts the auth routes. */
export function authRoutes(r: Router, ctx: Ctx): void {
  const secure = process.env.DAKAL_SECURE_COOKIE === '1';
  const cookie = (token: string, maxAge: number) =>
    `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}; Max-Age=${maxAge}`;

  const throttle = new LoginThrottle();
  mount(r, api.login, ({ body, req, res }) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    // Checked before the password, so a locked account cannot be probed (the answer is the same either way).
    const wait = throttle.wait(body.username, address);
    if (wait > 0) throw new HttpError(429, 'too_many_attempts', `Too many failed sign-ins; try again in ${wait} s`, {}, { 'Retry-After': String(wait) });
    const user = ctx.users.authenticate(body.username, body.password);
    if (!user) {
      throttle.fail(body.username, address);
      throw new HttpError(401, 'invalid_credentials', 'Wrong username or password', { 'body.password': 'wrong username or password' });
    }
    throttle.succeed(body.username);
    // A new session id at every login; any session the browser had is ended.
    if (req.user) ctx.sessions.destroy(req.user.session_id);
    const { token, csrf } = ctx.sessions.create(user.id);
    res.setHeader('Set-Cookie', cookie(token, ctx.config.sessionIdleMinutes * 60));
    return { user, csrf };
  });

  mount(r, api.logout, ({ req, res }) => {
    if (req.user) ctx.sessions.destroy(req.user.session_id);
    res.setHeader('Set-Cookie', cookie('', 0));
    return undefined;
  });

  mount(r, api.me, ({ user }) => {
    if (!user) return { user: null, csrf: null };
    const { csrf, session_id: _, ...u } = user;
    return { user: u, csrf };
  });
}
