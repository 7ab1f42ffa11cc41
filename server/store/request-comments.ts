/** Residents' comments on proposed sites: published at once (a consultation lasts only 21 days, so waiting for
 *  moderation would eat into it), hidden by a planner with a kept reason. Name and email are private. */
import type { DB } from '../db.js';

export interface CommentRow {
  id: number;
  request_id: number;
  body: string;
  name: string | null;
  email: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  created_at: string;
}

/** Data access for comments. */
export class CommentStore {
  private readonly stmt;
  constructor(db: DB) {
    this.stmt = {
      insert: db.prepare('INSERT INTO site_request_comments (request_id, body, name, email, created_at) VALUES (?, ?, ?, ?, ?)'),
      list: db.prepare('SELECT * FROM site_request_comments WHERE request_id = ? ORDER BY id'),
      one: db.prepare('SELECT * FROM site_request_comments WHERE id = ? AND request_id = ?'),
      hide: db.prepare('UPDATE site_request_comments SET hidden_at = ?, hidden_reason = ?, hidden_by = ? WHERE id = ?'),
      visibleCount: db.prepare('SELECT count(*) FROM site_request_comments WHERE request_id = ? AND hidden_at IS NULL').pluck(),
    };
  }

  /** Stores a comment; returns it. */
  insert(requestId: number, body: string, name: string | null, email: string | null, now: string): CommentRow {
    const id = Number(this.stmt.insert.run(requestId, body, name, email, now).lastInsertRowid);
    return this.get(requestId, id)!;
  }

  /** A request's comments, hidden ones included, oldest first. */
  list(requestId: number): CommentRow[] {
    return this.stmt.list.all(requestId) as CommentRow[];
  }

  /** One comment of a request, or undefined. */
  get(requestId: number, id: number): CommentRow | undefined {
    return this.stmt.one.get(id, requestId) as CommentRow | undefined;
  }

  /** Hides (reason kept) or shows a comment again. */
  setHidden(id: number, hidden: boolean, reason: string, by: string, now: string): void {
    this.stmt.hide.run(hidden ? now : null, hidden ? reason : null, hidden ? by : null, id);
  }

  /** Comments the public sees on a request. */
  visibleCount(requestId: number): number {
    return this.stmt.visibleCount.get(requestId) as number;
  }
}
