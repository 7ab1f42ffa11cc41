/** The import report and the row-level rejection it lists. */

export interface Rejection {
  line: number;
  code?: string;
  reason: string;
  fields: Record<string, string>;
}

export interface ImportReport {
  format: string;
  dry_run: boolean;
  /** True when the file was written to the registry; false for a dry run or when any row was rejected. */
  applied: boolean;
  rows: number;
  accepted: Array<{ line: number; code: string }>;
  updated: Array<{ line: number; code: string }>;
  rejected: Rejection[];
}

/** Flattens zod issues into `{path: message}`. */
export function issueFields(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) {
    const k = i.path.map(String).join('.') || '(row)';
    fields[k] ??= i.message;
  }
  return fields;
}

/** One sentence naming the fields of a rejection. */
export function reasonOf(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}
