/** Filing a concern from the web form or from Open311: check the site, decode and strip the photo,
 *  compute the evidence, store everything at once. The honeypot answers like success and stores nothing. */
import type { ConcernFiling } from '../../shared/api/concerns.js';
import type { ConcernView } from '../../shared/api/concerns.js';
import { CONCERN_LIMITS, type ConcernCategory } from '../../shared/concerns.js';
import { MalformedImage, stripLocation, type PhotoType } from '../../shared/photo.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import type { Actor } from '../store/audit.js';
import type { ConcernRow, ContactRow } from '../store/concerns.js';
import { gatherEvidence } from './evidence.js';
import { publicViewOf } from './views.js';

/** The audit trail's actor for a resident's filing: no account, no name. */
export const RESIDENT: Actor = { id: null, name: 'resident' };

/** Decodes a base64 photo (a `data:` URL is fine), checks its size, sniffs its type and strips its metadata. */
export function decodePhoto(base64: string, field: string): { type: PhotoType; bytes: Uint8Array } {
  const b64 = base64.replace(/^data:[\w/+.-]*(;[\w=.-]+)*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) throw new HttpError(400, 'validation_failed', 'The photo is not base64', { [field]: 'not base64' });
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > CONCERN_LIMITS.photoBytes) throw new HttpError(413, 'payload_too_large', 'The photo is larger than 5 MB', { [field]: 'at most 5 MB' });
  try {
    return stripLocation(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    if (e instanceof MalformedImage) throw new HttpError(400, 'unsupported_image', `The photo is not a readable JPEG, PNG or WebP: ${e.message}`, { [field]: 'JPEG, PNG or WebP only' });
    throw e;
  }
}

/** What both channels file. */
export interface Filing {
  lon: number;
  lat: number;
  site_id: number | null;
  category: ConcernCategory;
  description: string;
  contact: ContactRow;
  photo: { type: PhotoType; bytes: Uint8Array } | null;
  address: string | null;
}

/** Checks that a named site exists; `field` names it in the 400. */
export function checkSite(ctx: Ctx, siteId: number | null, field: string): void {
  if (siteId !== null && !ctx.sites.get(siteId)) throw new HttpError(400, 'validation_failed', `No site ${siteId}`, { [field]: 'unknown site' });
}

/** Stores a filing with its evidence; returns the row. */
export function store(ctx: Ctx, f: Filing, channel: { kind: 'web'; ipHash: string } | { kind: 'open311'; keyId: number; keyName: string }): ConcernRow {
  const evidence = gatherEvidence(ctx, f.lon, f.lat);
  const actor: Actor = channel.kind === 'web' ? RESIDENT : { id: null, name: `open311:${channel.keyName}` };
  return ctx.concerns.file(
    {
      ...f,
      channel: channel.kind,
      open311_key_id: channel.kind === 'open311' ? channel.keyId : null,
      district_id: ctx.places.districtOf(f.lon, f.lat),
      evidence,
      ipHash: channel.kind === 'web' ? channel.ipHash : null,
    },
    actor,
  );
}

/** Files from the web form; a filled honeypot gets a convincing answer for a code that was never stored. */
export function fileFromWeb(ctx: Ctx, body: ConcernFiling, ipHash: string): ConcernView {
  checkSite(ctx, body.site_id, 'body.site_id');
  const photo = body.photo_base64 ? decodePhoto(body.photo_base64, 'body.photo_base64') : null;
  const filing: Filing = {
    lon: body.lon, lat: body.lat, site_id: body.site_id, category: body.category, description: body.description, photo, address: null,
    contact: { name: body.name, email: body.email, phone: body.phone, device_id: null, account_id: null, media_url: null },
  };
  if (body.website) return decoy(ctx, filing);
  const row = store(ctx, filing, { kind: 'web', ipHash });
  return publicViewOf(row, ctx.concerns.evidence(row.id), ctx.concerns.events(row.id));
}

/** The answer a bot gets: shaped exactly like a real filing, evidence included, nothing written. */
function decoy(ctx: Ctx, f: Filing): ConcernView {
  const now = new Date().toISOString();
  const evidence = gatherEvidence(ctx, f.lon, f.lat);
  const site = f.site_id === null ? undefined : ctx.sites.get(f.site_id);
  const row: ConcernRow = {
    id: 0, code: ctx.concerns.newCode(), lon: f.lon, lat: f.lat, site_id: f.site_id, site_code: site?.code ?? null, category: f.category,
    description: f.description, status: 'received', channel: 'web', address: null, district_id: ctx.places.districtOf(f.lon, f.lat),
    near_sensitive: evidence.sensitive_places.length > 0 ? 1 : 0, duplicate_of_code: null, hidden_reason: null, hidden_at: null,
    has_photo: f.photo ? 1 : 0, supporters: 0, last_note: '', created_at: now, updated_at: now,
  };
  return publicViewOf(row, evidence, [{ id: 0, from_status: null, status: 'received', note: '', at: now, actor: null }]);
}
