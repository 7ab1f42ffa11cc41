/** Every status change of a concern, oldest first, with the city's note and the date (Persian
 *  calendar in fa); the planner's version names who acted. */
import { STATUS_NAMES, type ConcernStatus } from '../../../shared/concerns.js';
import { useI18n } from '../i18n/i18n.js';
import { dateTime } from './format.js';

/** One status change or note; `actor` only in the planner's view. */
export interface HistoryEvent {
  from_status: ConcernStatus | null;
  status: ConcernStatus;
  note: string;
  at: string;
  actor?: string | null;
}

/** The history as an ordered list. */
export function StatusHistory({ events }: { events: readonly HistoryEvent[] }) {
  const { t, lang } = useI18n();
  return (
    <ol className="concern-history" data-testid="history">
      {events.map((e, i) => {
        const changed = e.from_status !== e.status;
        return (
          <li key={i} className="concern-history-item">
            <p className="concern-history-head">
              <span className={`badge concern-status-${e.status}`}>
                {e.from_status === null ? t('concerns.history.filed') : changed ? STATUS_NAMES[e.status][lang] : t('concerns.history.note')}
              </span>
              <time dateTime={e.at}>{dateTime(e.at, lang)}</time>
              {e.actor ? <span className="list-meta">{t('concerns.history.by', { name: e.actor })}</span> : null}
            </p>
            {e.note ? (
              <blockquote className="concern-history-note">
                <p className="concern-history-note-label">{t('concerns.history.cityNote')}</p>
                <p className="concern-history-note-text" dir="auto">{e.note}</p>
              </blockquote>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
