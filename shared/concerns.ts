/** Residents' concerns (DOMAIN.md section 2): categories, the lifecycle as a transitions table, named
 *  sets of states with predicates, the limits both the form and the server enforce, and the queue's
 *  priority. Pure: the clock is passed in. */

export const CONCERN_CATEGORIES = ['health', 'measurement', 'visual', 'noise', 'structural', 'unpermitted', 'other'] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

export const CONCERN_STATUSES = [
  'received', 'acknowledged', 'investigating', 'action_scheduled', 'resolved', 'not_upheld', 'duplicate', 'referred',
] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

/** States in which the city still owes the resident an answer; Open311 calls them `open`. */
export const OPEN_STATUSES = ['received', 'acknowledged', 'investigating', 'action_scheduled'] as const satisfies readonly ConcernStatus[];
/** Final states; Open311 calls them `closed`. */
export const CLOSED_STATUSES = ['resolved', 'not_upheld', 'duplicate', 'referred'] as const satisfies readonly ConcernStatus[];

/** Limits shared by the form and the server, so both enforce the same numbers. */
export const CONCERN_LIMITS = {
  descriptionChars: 4000,
  noteChars: 4000,
  nameChars: 200,
  emailChars: 254, // RFC 5321 section 4.5.3.1.3 path limit
  phoneChars: 40,
  reasonChars: 1000,
  photoBytes: 5 * 1024 * 1024,
} as const;

/** Open concerns of the same category closer than this are offered as "me too" before filing (DOMAIN.md section 8). */
export const DUPLICATE_RADIUS_M = 50;
/** Masts and sensitive places within this distance are named in a concern's evidence. */
export const EVIDENCE_RADIUS_M = 300;
/** Antennas within this distance enter the predicted exposure at the concern's point. */
export const EXPOSURE_RADIUS_M = 2000;

/** Legal next states. A planner may reopen a resolved, rejected or referred concern (FixMyStreet lets
 *  residents reopen); `duplicate` is final because its supporters have moved to another concern. */
const TRANSITIONS: Readonly<Record<ConcernStatus, readonly ConcernStatus[]>> = {
  received: ['acknowledged', 'investigating', 'not_upheld', 'duplicate', 'referred'],
  acknowledged: ['investigating', 'not_upheld', 'duplicate', 'referred'],
  investigating: ['action_scheduled', 'resolved', 'not_upheld', 'duplicate', 'referred'],
  action_scheduled: ['investigating', 'resolved', 'referred'],
  resolved: ['investigating'],
  not_upheld: ['investigating'],
  referred: ['investigating'],
  duplicate: [],
};

/** Whether a concern may move from one state to another (a different one). */
export function canTransition(from: ConcernStatus, to: ConcernStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The states a concern may move to next. */
export function nextStatuses(from: ConcernStatus): readonly ConcernStatus[] {
  return TRANSITIONS[from];
}

/** Whether the city still owes an answer. */
export function isOpen(status: ConcernStatus): boolean {
  return (OPEN_STATUSES as readonly ConcernStatus[]).includes(status);
}

/** What a planner's request `{status}` means for a concern now in `from`: a note without a state change,
 *  a change, a change only merging may make, or an illegal one (answered 409). */
export function classifyStatusChange(from: ConcernStatus, to: ConcernStatus): 'note' | 'change' | 'merge_only' | 'illegal' {
  if (from === to) return from === 'duplicate' ? 'illegal' : 'note';
  if (to === 'duplicate') return canTransition(from, to) ? 'merge_only' : 'illegal';
  return canTransition(from, to) ? 'change' : 'illegal';
}

/** What the queue's order is computed from. */
export interface PriorityInput {
  status: ConcernStatus;
  near_sensitive: boolean;
  supporters: number;
  created_at: string;
}

/** Weights of the queue order: a planning choice with no published source, so they are named here.
 *  A concern near a kindergarten outranks one filed 40 days earlier; supporters count with diminishing
 *  returns (7 supporters = 30 points); age adds a point a day up to 60 days. */
export const PRIORITY_WEIGHTS = { nearSensitive: 40, perDoublingOfSupporters: 10, perDay: 1, maxAgeDays: 60 } as const;

/** The queue's priority of a concern at `now`: higher is more urgent; closed concerns are 0. */
export function concernPriority(c: PriorityInput, now: Date): number {
  if (!isOpen(c.status)) return 0;
  const w = PRIORITY_WEIGHTS;
  const ageDays = Math.max(0, (now.getTime() - Date.parse(c.created_at)) / 86_400_000);
  const score = (c.near_sensitive ? w.nearSensitive : 0) + w.perDoublingOfSupporters * Math.log2(1 + Math.max(0, c.supporters)) + w.perDay * Math.min(ageDays, w.maxAgeDays);
  return Math.round(score * 100) / 100;
}

/** Names of the categories in Persian and English (the form, the public page, Open311's service_name). */
export const CATEGORY_NAMES: Readonly<Record<ConcernCategory, { fa: string; en: string }>> = {
  health: { fa: 'نگرانی سلامت', en: 'Health worry' },
  measurement: { fa: 'درخواست اندازه‌گیری تابش', en: 'Request a radiation measurement' },
  visual: { fa: 'منظر و زیبایی شهری', en: 'Visual impact' },
  noise: { fa: 'صدا', en: 'Noise' },
  structural: { fa: 'ایمنی سازه', en: 'Structural safety' },
  unpermitted: { fa: 'دکل بدون مجوز', en: 'Mast without a permit' },
  other: { fa: 'سایر', en: 'Other' },
};

/** Names of the states in Persian and English, as the resident reads them. */
export const STATUS_NAMES: Readonly<Record<ConcernStatus, { fa: string; en: string }>> = {
  received: { fa: 'دریافت شد', en: 'Received' },
  acknowledged: { fa: 'بررسی آغاز شد', en: 'Acknowledged' },
  investigating: { fa: 'در حال بررسی', en: 'Investigating' },
  action_scheduled: { fa: 'اقدام برنامه‌ریزی شد', en: 'Action scheduled' },
  resolved: { fa: 'رسیدگی شد', en: 'Resolved' },
  not_upheld: { fa: 'وارد دانسته نشد', en: 'Not upheld' },
  duplicate: { fa: 'تکراری', en: 'Duplicate' },
  referred: { fa: 'به مرجع دیگر ارجاع شد', en: 'Referred' },
};
