/** The live pre-check in the form: the shared rules run in the browser on every change, then the
 *  server's word on the same input (confirmed, or its own result when it differs). */
import type { SitingCheckRequest } from '../../../shared/siting.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { verdictKey } from './format.js';
import { RuleReport } from './RuleReport.js';
import { usePrecheck, type ServerState } from './use-precheck.js';

const SERVER_WORDS: Record<ServerState, MessageKey> = {
  idle: 'requests.precheck.serverIdle',
  checking: 'requests.precheck.serverChecking',
  confirmed: 'requests.precheck.serverConfirmed',
  differs: 'requests.precheck.serverDiffers',
  error: 'requests.precheck.serverError',
};

/** The pre-check for `input`, or a line saying what it still needs. */
export function PrecheckSection({ input }: { input: SitingCheckRequest | null }) {
  const { t } = useI18n();
  const p = usePrecheck(input);
  if (!input) return <p className="muted" data-testid="precheck-waiting">{t('requests.precheck.needs')}</p>;
  return (
    <div className="precheck" data-testid="precheck" data-server={p.server}>
      {/* One short line is announced, not the whole list at every keystroke. */}
      <p className="visually-hidden" aria-live="polite">
        {p.result ? t('requests.precheck.summary', { verdict: t(verdictKey(p.result.verdict)), server: t(SERVER_WORDS[p.server]) }) : ''}
      </p>
      {p.contextError ? <p className="error">{t('requests.precheck.contextError', { message: p.contextError })}</p> : null}
      {p.result ? (
        <RuleReport
          report={p.result}
          testId="precheck-report"
          note={<p className={`precheck-server server-${p.server}`}>{t(SERVER_WORDS[p.server])}</p>}
        />
      ) : (
        <p className="muted">{t('requests.precheck.loading')}</p>
      )}
      <p className="note">{t('requests.precheck.note')}</p>
    </div>
  );
}
