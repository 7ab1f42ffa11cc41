/** Site-request attachments as BLOBs in SQLite: stored in the same database as the request, so an upload and
 *  the request it belongs to can never disagree, and a backup carries both. */
import { createHash } from 'node:crypto';
import type { AttachmentKind } from '../../shared/site-requests.js';
import type { DB } from '../db.js';

export interface AttachmentMeta {
  id: number;
  request_id: number;
  kind: AttachmentKind;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: string;
  created_by: string;
}

/** The file type by its first bytes: PDF (`%PDF-`, ISO 32000-1 section 7.5.2), JPEG, PNG or WebP; null otherwise. */
export function sniffDocument(b: Uint8Array): 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return 'application/pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  return null;
}

const META = 'id, request_id, kind, filename, content_type, size_bytes, sha256, created_at, created_by';

/** Data access for attachments. */
export class AttachmentStore {
  private readonly stmt;
  constructor(db: DB) {
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO site_request_attachments (request_id, kind, filename, content_type, size_bytes, sha256, bytes, created_at, created_by)
         VALUES (@request_id, @kind, @filename, @content_type, @size_bytes, @sha256, @bytes, @created_at, @created_by)`,
      ),
      list: db.prepare(`SELECT ${META} FROM site_request_attachments WHERE request_id = ? ORDER BY id`),
      one: db.prepare(`SELECT ${META}, bytes FROM site_request_attachments WHERE id = ? AND request_id = ?`),
      count: db.prepare('SELECT count(*) FROM site_request_attachments WHERE request_id = ?').pluck(),
    };
  }

  /** Stores a file already sniffed; returns its metadata. Call inside the transaction that records it. */
  insert(requestId: number, kind: AttachmentKind, filename: string, contentType: string, bytes: Buffer, actor: string, now: string): AttachmentMeta {
    const row = {
      request_id: requestId, kind, filename, content_type: contentType, size_bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'), bytes, created_at: now, created_by: actor,
    };
    const id = Number(this.stmt.insert.run(row).lastInsertRowid);
    const { bytes: _b, ...meta } = row;
    return { id, ...meta };
  }

  /** A request's attachments without their bytes, oldest first. */
  list(requestId: number): AttachmentMeta[] {
    return this.stmt.list.all(requestId) as AttachmentMeta[];
  }

  /** One attachment of a request with its bytes, or undefined. */
  get(requestId: number, id: number): (AttachmentMeta & { bytes: Buffer }) | undefined {
    return this.stmt.one.get(id, requestId) as (AttachmentMeta & { bytes: Buffer }) | undefined;
  }

  /** How many files a request holds. */
  count(requestId: number): number {
    return this.stmt.count.get(requestId) as number;
  }
}
