/** Planners' reusable response texts for status notes. */
import type { ConcernStatus } from '../../shared/concerns.js';
import type { DB } from '../db.js';
import type { Actor, AuditLog } from './audit.js';

export interface ResponseTemplateRow {
  id: number;
  title: string;
  body: string;
  status: ConcernStatus | null;
  created_at: string;
}

/** Response templates, listed by title. */
export class ResponseTemplateStore {
  private readonly stmt;
  constructor(private readonly db: DB, private readonly audit: AuditLog) {
    this.stmt = {
      list: db.prepare('SELECT id, title, body, status, created_at FROM response_templates ORDER BY title, id'),
      get: db.prepare('SELECT id, title, body, status, created_at FROM response_templates WHERE id = ?'),
      insert: db.prepare('INSERT INTO response_templates (title, body, status, created_by, created_at) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  /** Every template. */
  list(): ResponseTemplateRow[] {
    return this.stmt.list.all() as ResponseTemplateRow[];
  }

  /** Adds a template with its audit event; returns it. */
  create(t: { title: string; body: string; status: ConcernStatus | null }, actor: Actor): ResponseTemplateRow {
    return this.db.transaction(() => {
      const at = new Date().toISOString();
      const id = Number(this.stmt.insert.run(t.title, t.body, t.status, actor.id, at).lastInsertRowid);
      const row = this.stmt.get.get(id) as ResponseTemplateRow;
      this.audit.record(actor, 'create', 'response_template', id, null, row, at);
      return row;
    })();
  }
}
