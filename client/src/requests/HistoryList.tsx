/** Every step of a request on the record: when, who (or the clock), from which state to which, and the note. */
import { useI18n } from '../i18n/i18n.js';
import { statusKey, when } from './format.js';
import type { RequestView } from './requests-api.js';

/** The history, oldest first. */
export function HistoryList({ history }: { history: RequestView['history'] }) {
  const { t, lang } = useI18n();
  return (
    <ol className="history" data-testid="history">
      {history.map((h, i) => (
        <li key={i}>
          <time dateTime={h.at}>{when(h.at, lang, true)}</time>{' '}
          <span>
            {/* A step within one state (built) is a note on the record, not a change of state. */}
            {h.from_status === h.to_status
              ? t('requests.history.noted', { actor: h.actor === 'system' ? t('requests.history.system') : h.actor })
              : t('requests.history.step', { actor: h.actor === 'system' ? t('requests.history.system') : h.actor, to: t(statusKey(h.to_status)) })}
          </span>
          {h.note ? <p className="history-note prewrap" dir="auto">{h.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
