/** The decision letter as data for a printable page in Persian and English: the decision, its reasons and
 *  conditions, what was decided about and where, and until when an approval holds if not built. */
import type { z } from 'zod';
import type { DecisionLetter } from '../../shared/api/requests.js';
import type { AntennaInput } from '../../shared/model.js';
import type { Decision } from '../../shared/site-requests.js';
import type { SitingResult } from '../../shared/siting.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import type { RequestRow } from '../store/requests.js';

const DECISION_WORDS: Readonly<Record<Decision, { fa: string; en: string }>> = {
  approve: { fa: 'موافقت', en: 'Approved' },
  approve_with_conditions: { fa: 'موافقت مشروط', en: 'Approved with conditions' },
  reject: { fa: 'مخالفت', en: 'Refused' },
};
const TYPE_WORDS = {
  new_structure: { fa: 'احداث سازهٔ جدید', en: 'a new structure' },
  change: { fa: 'تغییر در سازهٔ موجود', en: 'a change to an existing structure' },
  colocation: { fa: 'نصب مشترک روی سازهٔ اپراتور دیگر', en: 'colocation on another operator\'s structure' },
} as const;

const toFa = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
/** A date in the Persian (Solar Hijri) calendar with Persian digits, as Karaj reads it. */
const faDate = (iso: string) => new Intl.DateTimeFormat('fa-IR-u-ca-persian', { dateStyle: 'long', timeZone: 'Asia/Tehran' }).format(new Date(iso));

/** The letter of a decided request; 409 before a decision. */
export function decisionLetter(ctx: Ctx, row: RequestRow): z.infer<typeof DecisionLetter> {
  if (row.decision === null || row.decided_at === null) throw new HttpError(409, 'not_decided', 'The request has not been decided yet');
  const operator = ctx.requests.operator(row.operator_id) ?? { name_fa: row.operator_id, name_en: row.operator_id };
  const conditions = JSON.parse(row.conditions) as string[];
  const report = row.rule_report ? (JSON.parse(row.rule_report) as SitingResult) : null;
  const reference = `DKL-${row.decided_at.slice(0, 4)}-${String(row.id).padStart(5, '0')}`;
  const words = DECISION_WORDS[row.decision];
  const type = TYPE_WORDS[row.type];
  const site = row.site_id === null ? undefined : ctx.sites.get(row.site_id);
  const date = row.decided_at.slice(0, 10);
  const lapse = row.lapses_at ? row.lapses_at.slice(0, 10) : null;
  const height = String(row.height_m);
  return {
    reference, request_id: row.id, type: row.type, decision: row.decision, status: row.status,
    operator: { id: row.operator_id, ...operator },
    site: { id: row.site_id, code: site?.code ?? null, lon: row.lon!, lat: row.lat!, address: row.address, structure_type: row.structure_type!, height_m: row.height_m! },
    antenna_count: (JSON.parse(row.antennas) as AntennaInput[]).length, submitted_at: row.submitted_at, decided_at: row.decided_at,
    decided_by: row.decided_by ?? '', reasons: row.reasons ?? '', conditions, lapses_at: row.lapses_at,
    policy_version: typeof report?.policy_version === 'number' ? report.policy_version : null, verdict: report?.verdict ?? null,
    fa: {
      title: `ابلاغ تصمیم دربارهٔ درخواست شمارهٔ ${toFa(String(row.id))}`,
      decision: words.fa,
      body: [
        `به: ${operator.name_fa}`,
        `موضوع: درخواست ${type.fa}، سازهٔ ${toFa(height)} متری${row.address ? `، ${row.address}` : ''}.`,
        `تصمیم: ${words.fa} (${faDate(row.decided_at)}).`,
        `دلایل: ${row.reasons ?? ''}`,
        ...conditions.map((c, i) => `شرط ${toFa(String(i + 1))}: ${c}`),
        ...(row.lapses_at ? [`این موافقت اگر سازه تا ${faDate(row.lapses_at)} ساخته نشود از اعتبار می‌افتد.`] : []),
      ],
    },
    en: {
      title: `Decision on request ${row.id}`,
      decision: words.en,
      body: [
        `To: ${operator.name_en}`,
        `Subject: request for ${type.en}, a ${height} m structure${row.address ? `, ${row.address}` : ''}.`,
        `Decision: ${words.en} (${date}).`,
        `Reasons: ${row.reasons ?? ''}`,
        ...conditions.map((c, i) => `Condition ${i + 1}: ${c}`),
        ...(lapse ? [`This approval lapses if the structure is not built by ${lapse}.`] : []),
      ],
    },
  };
}
