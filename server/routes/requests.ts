/** Site-request routes: an operator's drafts, files, submission, withdrawal and built mark; the planner's queue,
 *  review, re-check, decision and letter. An operator never sees another operator's requests (404). */
import express, { type Router } from 'express';
import * as api from '../../shared/api/requests.js';
import { REQUEST_LIMITS, compareQueue, requiresJustification } from '../../shared/site-requests.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import { mount } from '../http/route.js';
import type { SessionUser } from '../http/session.js';
import { sniffDocument } from '../store/request-attachments.js';
import type { RequestRow } from '../store/requests.js';
import { applyDueSteps, decideRequest, markBuilt } from '../requests/decision.js';
import { decisionLetter } from '../requests/letter.js';
import { isPublic, requestSummary, requestView } from '../requests/views.js';
import { actorOf, closeConsultation, createDraft, patchDraft, recheck, sharingAround, submit, withdraw, workflowRole } from '../requests/workflow.js';

/** Mounts the site-request routes. */
export function requestRoutes(r: Router, ctx: Ctx): void {
  const { requests } = ctx;
  const mayRead = (user: SessionUser | null, row: RequestRow) => user !== null && (workflowRole(user) === 'planner' || user.operator_id === row.operator_id);

  /** The request after the clock's due steps; 404 when missing or another operator's. */
  const requestFor = (id: number, user: SessionUser, due = true): RequestRow => {
    if (due) applyDueSteps(ctx);
    const row = requests.get(id);
    if (!row || !mayRead(user, row)) throw new HttpError(404, 'not_found', `No request ${id}`);
    return row;
  };
  const view = (id: number, user: SessionUser) => requestView(ctx, requests.get(id)!, user);

  mount(r, api.createRequest, ({ body, user, res }) => {
    const id = createDraft(ctx, user!, body);
    res.location(`/api/requests/${id}`);
    return view(id, user!);
  });

  mount(r, api.patchRequest, ({ params, body, user }) => {
    patchDraft(ctx, user!, requestFor(params.id, user!), body);
    return view(params.id, user!);
  });

  mount(r, api.submitRequest, ({ params, user }) => {
    submit(ctx, user!, requestFor(params.id, user!));
    return view(params.id, user!);
  });

  mount(r, api.listRequests, ({ query, user }) => {
    applyDueSteps(ctx);
    const u = user!;
    const now = requests.clock();
    const rows = requests.list(workflowRole(u) === 'planner' ? null : (u.operator_id ?? ''), query.status ?? null, query.type ?? null).sort(compareQueue);
    return { total: rows.length, items: rows.slice(query.offset, query.offset + query.limit).map((row) => requestSummary(ctx, row, now)) };
  });

  mount(r, api.getRequest, ({ params, user }) => view(requestFor(params.id, user!).id, user!));

  // Files arrive as the raw body; the JSON parser before this ignores non-JSON types.
  r.post(api.addAttachment.path, express.raw({ type: () => true, limit: REQUEST_LIMITS.attachmentBytes }));
  mount(r, api.addAttachment, ({ params, query, user, req }) => {
    const u = user!;
    const row = requestFor(params.id, u);
    if (row.status !== 'draft' && row.status !== 'incomplete') throw new HttpError(409, 'not_editable', `A request that is ${row.status} takes no more files`);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new HttpError(400, 'validation_failed', 'The file is empty', { body: 'empty' });
    const type = sniffDocument(bytes);
    if (!type) throw new HttpError(415, 'unsupported_type', 'Attach a PDF, JPEG, PNG or WebP file', { body: 'not a PDF, JPEG, PNG or WebP file' });
    if (ctx.requestFiles.count(row.id) >= REQUEST_LIMITS.attachments) throw new HttpError(409, 'too_many_files', `At most ${REQUEST_LIMITS.attachments} files per request`);
    const at = requests.clock().toISOString();
    const meta = ctx.db.transaction(() => {
      const m = ctx.requestFiles.insert(row.id, query.kind, query.filename, type, bytes, u.username, at);
      row.updated_at = at;
      requests.save(row);
      const { sha256, ...rest } = m;
      ctx.audit.record(actorOf(u), 'attach', 'site_request', row.id, null, { ...rest, sha256 }, at);
      return m;
    })();
    return { id: meta.id, kind: meta.kind, filename: meta.filename, content_type: meta.content_type, size_bytes: meta.size_bytes, created_at: meta.created_at, url: `/api/requests/${row.id}/attachments/${meta.id}` };
  });

  mount(r, api.getAttachment, ({ params, user, res }) => {
    const row = requests.get(params.id);
    const file = row && (isPublic(row) || mayRead(user, row)) ? ctx.requestFiles.get(row.id, params.attachmentId) : undefined;
    if (!row || !file) throw new HttpError(404, 'not_found', 'No such file');
    // The type is the sniffed one; PDFs download rather than render in our origin; the sandbox CSP keeps any
    // script inside a file from running as Dakal.
    const ascii = file.filename.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'file';
    const disposition = file.content_type === 'application/pdf' ? 'attachment' : 'inline';
    res.setHeader('Content-Type', file.content_type);
    res.setHeader('Content-Disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', isPublic(row) ? 'public, max-age=3600' : 'private, no-store');
    res.status(200).end(file.bytes);
    return undefined;
  });

  mount(r, api.closeConsultation, ({ params, user }) => {
    closeConsultation(ctx, requestFor(params.id, user!, false), actorOf(user!), 'planner');
    return view(params.id, user!);
  });

  mount(r, api.recheckRequest, ({ params, user }) => {
    recheck(ctx, user!, requestFor(params.id, user!));
    return view(params.id, user!);
  });

  mount(r, api.decideRequest, ({ params, body, user }) => {
    decideRequest(ctx, user!, requestFor(params.id, user!), body);
    return view(params.id, user!);
  });

  mount(r, api.markBuilt, ({ params, body, user }) => {
    markBuilt(ctx, user!, requestFor(params.id, user!), body?.built_on);
    return view(params.id, user!);
  });

  mount(r, api.withdrawRequest, ({ params, body, user }) => {
    withdraw(ctx, user!, requestFor(params.id, user!), body?.reason ?? '');
    return view(params.id, user!);
  });

  mount(r, api.decisionLetter, ({ params, user }) => decisionLetter(ctx, requestFor(params.id, user!)));

  mount(r, api.sharingOptionsAt, ({ query, user }) => {
    const operatorId = workflowRole(user!) === 'planner' ? (query.operator ?? '') : user!.operator_id!;
    const { radiusM, options } = sharingAround(ctx, query.lon, query.lat, operatorId);
    return { radius_m: radiusM, justification_required: requiresJustification(options), options };
  });
}
