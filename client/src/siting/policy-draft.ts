/** A planner's edit of the policy: values read and written by path, numbers kept as typed until saved (so "1." or
 *  Persian digits survive typing), the candidate checked with the same schema the server validates with
 *  (shared/policy.ts), and the changes between two versions. */
import { Policy } from '../../../shared/policy.js';
import { parseNumber } from './check-form.js';
import { POLICY_SECTIONS, type Path } from './policy-spec.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface Draft {
  /** The policy being edited, as plain data. */
  value: Json;
  /** Number fields as typed, by path key ("rules.density.cell_km"). */
  texts: Readonly<Record<string, string>>;
}

/** A path as one key. */
export const pathKey = (path: Path): string => path.join('.');

/** The value at a path (undefined when absent). */
export function getAt(value: Json | undefined, path: Path): Json | undefined {
  let v = value;
  for (const k of path) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined;
  return v;
}

/** A copy with the value at a path replaced (undefined deletes it); parents are copied, siblings shared. */
export function setAt(value: Json, path: Path, next: Json | undefined): Json {
  const [k, ...rest] = path;
  if (k === undefined) return next ?? null;
  const obj = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  const copy: { [k: string]: Json } = { ...obj };
  const child = rest.length === 0 ? next : setAt(obj[k] ?? {}, rest, next);
  if (child === undefined) delete copy[k];
  else copy[k] = child;
  return copy;
}

/** A new draft of a policy. */
export const draftOf = (policy: Policy): Draft => ({ value: structuredClone(policy) as Json, texts: {} });

/** The candidate policy: the draft with its typed numbers read (an empty optional number is left out; anything
 *  else that is not a number becomes NaN, which the schema refuses with the field's path). */
export function candidateOf(draft: Draft): Json {
  let value = draft.value;
  for (const section of POLICY_SECTIONS) {
    for (const f of section.fields) {
      if (f.kind !== 'number') continue;
      const text = draft.texts[pathKey(f.path)];
      if (text === undefined) continue;
      value = setAt(value, f.path, text.trim() === '' && f.optional ? undefined : parseNumber(text));
    }
  }
  return value;
}

export interface FieldIssue {
  code: string;
  minimum?: number;
  maximum?: number;
  message: string;
}

/** The policy when the schema accepts it, else the issues by path key. */
export function validateDraft(draft: Draft): { policy: Policy } | { issues: Record<string, FieldIssue> } {
  const r = Policy.safeParse(candidateOf(draft));
  if (r.success) return { policy: r.data };
  const issues: Record<string, FieldIssue> = {};
  for (const i of r.error.issues) {
    const k = pathKey(i.path.map(String));
    const bound = i as { minimum?: number | bigint; maximum?: number | bigint };
    issues[k] ??= { code: i.code, minimum: bound.minimum === undefined ? undefined : Number(bound.minimum), maximum: bound.maximum === undefined ? undefined : Number(bound.maximum), message: i.message };
  }
  return { issues };
}

/** Every leaf of a value by path key (lists as one leaf). */
function leaves(value: Json | undefined, prefix: string[] = [], out = new Map<string, Json>()): Map<string, Json> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...prefix, k], out);
  } else if (value !== undefined) out.set(prefix.join('.'), value);
  return out;
}

export interface Change {
  path: string[];
  before: Json | undefined;
  after: Json | undefined;
}

/** What changed from one policy to the next, in the order of the page's fields. */
export function policyChanges(before: Policy, after: Policy): Change[] {
  const a = leaves(before as unknown as Json);
  const b = leaves(after as unknown as Json);
  const out: Change[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ path: k.split('.'), before: x, after: y });
  }
  const order = POLICY_SECTIONS.flatMap((s) => [...s.fields.map((f) => pathKey(f.path)), ...(s.base ? [pathKey([...s.base, 'source']), pathKey([...s.base, 'note'])] : [])]);
  const rank = (c: Change) => {
    const i = order.indexOf(c.path.join('.'));
    return i < 0 ? order.length : i;
  };
  return out.sort((p, q) => rank(p) - rank(q));
}

export type { Json };
