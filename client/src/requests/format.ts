/** How requests read in the current language: the message keys of statuses, types, decisions, rules
 *  and attachment kinds, and timestamps as dates in Karaj's time zone (the Persian calendar in fa). */
import type { RequestStatus, RequestType, Decision, AttachmentKind } from '../../../shared/site-requests.js';
import type { RuleName, RuleStatus } from '../../../shared/siting.js';
import type { MessageKey } from '../i18n/fa.js';
import type { Lang } from '../i18n/i18n.js';

/** The message key of a request status. */
export const statusKey = (s: RequestStatus): MessageKey => `requests.status.${s}`;
/** The message key of a request type. */
export const typeKey = (t: RequestType): MessageKey => `requests.type.${t}`;
/** The message key of a decision. */
export const decisionKey = (d: Decision): MessageKey => `requests.decision.${d}`;
/** The message key of a decision as the record states it ("Approved with conditions"): its resulting status. */
export const decidedKey = (d: Decision): MessageKey => statusKey(d === 'approve' ? 'approved' : d === 'reject' ? 'rejected' : 'approved_with_conditions');
/** The message key of a siting rule's name. */
export const ruleKey = (r: RuleName): MessageKey => `requests.rule.${r}`;
/** The message key of a rule status. */
export const verdictKey = (s: RuleStatus): MessageKey => `requests.verdict.${s}`;
/** The message key of an attachment kind. */
export const kindKey = (k: AttachmentKind): MessageKey => `requests.kind.${k}`;

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** A timestamp as a date (and time when asked) in Asia/Tehran; fa-IR uses the Solar Hijri calendar. */
export function when(iso: string | null, lang: Lang, withTime = false): string {
  if (!iso) return '–';
  const key = `${lang}:${withTime}`;
  let f = FORMATS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : 'en-GB', { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'Asia/Tehran' });
    FORMATS.set(key, f);
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}
