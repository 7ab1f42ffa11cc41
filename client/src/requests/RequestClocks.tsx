/** Where a request stands in time: the consultation's end, the decision deadline with days left (or
 *  overdue), the decision, and until when an approval holds if the structure is not built. */
import { useI18n } from '../i18n/i18n.js';
import { when } from './format.js';
import type { RequestView } from './requests-api.js';

/** Days left as words: "12 days left", "due today", "3 days overdue". */
export function useDaysLeft(): (days: number | null, overdue: boolean) => string {
  const { t, num } = useI18n();
  return (days, overdue) => {
    if (days === null) return '–';
    if (overdue || days < 0) return t('requests.clock.overdue', { days: num(Math.abs(days)) });
    return days === 0 ? t('requests.clock.dueToday') : t('requests.clock.daysLeft', { days: num(days) });
  };
}

/** The clocks as a facts list. */
export function RequestClocks({ view }: { view: RequestView }) {
  const { t, lang } = useI18n();
  const daysLeft = useDaysLeft();
  const c = view.clocks;
  const rows: [string, string][] = [];
  if (c.submitted_at) rows.push([t('requests.clock.submitted'), when(c.submitted_at, lang)]);
  if (c.consultation_ends_at) {
    rows.push([t(c.consultation_open ? 'requests.clock.consultationOpen' : 'requests.clock.consultationEnded'), when(c.consultation_ends_at, lang, true)]);
  }
  if (c.decision_due_at && !view.decision) rows.push([t('requests.clock.decisionDue'), `${when(c.decision_due_at, lang)} (${daysLeft(c.days_left, c.overdue)})`]);
  if (c.decided_at) rows.push([t('requests.clock.decided'), when(c.decided_at, lang)]);
  if (c.lapses_at && !c.built_at) rows.push([t('requests.clock.lapses'), when(c.lapses_at, lang)]);
  if (c.built_at) rows.push([t('requests.clock.built'), when(c.built_at, lang)]);
  if (rows.length === 0) return null;
  return (
    <dl className="facts clocks" data-testid="clocks">
      {rows.map(([k, v]) => (
        <div key={k} className="fact">
          <dt>{k}</dt>
          <dd className={k === t('requests.clock.decisionDue') && c.overdue ? 'overdue' : undefined}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
