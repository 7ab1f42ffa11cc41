/** The planner's review of one request: the rule report frozen at submission and a re-run against today's
 *  registry and policy, the exposure map around the site, the sharing options and the applicant's reason,
 *  residents' comments (with hiding), closing the consultation, and the decision. */
import { useState } from 'react';
import type { ExposureAntennaInput } from '../../../shared/exposure.js';
import { useI18n } from '../i18n/i18n.js';
import { CommentsList } from './CommentsList.js';
import { DecisionForm } from './DecisionForm.js';
import { ExposureLegend, ExposureOverlay } from './ExposureOverlay.js';
import { PinMap } from './PinMap.js';
import { RuleReport } from './RuleReport.js';
import { SharingOptions } from './SharingOptions.js';
import { when } from './format.js';
import { requestsApi, type RequestView } from './requests-api.js';

interface Props {
  view: RequestView;
  onChange(v: RequestView): void;
}

/** The review sections. */
export function PlannerReview({ view, onChange }: Props) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<'recheck' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [max, setMax] = useState<number | null | undefined>(undefined);
  const decided = view.decision !== null;
  // Until an approval puts them in the registry, the proposed antennas are added to the registry's grid.
  const proposed: ExposureAntennaInput[] =
    decided || view.lon === null || view.lat === null ? [] : view.antennas.map((a) => ({ ...a, lon: view.lon!, lat: view.lat! }));

  const act = async (what: 'recheck' | 'close') => {
    setBusy(what);
    setError(null);
    try {
      onChange(what === 'recheck' ? await requestsApi.recheck(view.id) : await requestsApi.closeConsultation(view.id));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <section className="page-section" aria-labelledby="review-rules">
        <h2 id="review-rules">{t('requests.review.rules')}</h2>
        {view.rule_report ? (
          <RuleReport report={view.rule_report} testId="frozen-report" note={<p className="muted">{t('requests.review.frozenAt', { at: when(view.rule_report_at, lang, true) })}</p>} />
        ) : (
          <p className="muted">{t('requests.review.noReport')}</p>
        )}
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => void act('recheck')} data-testid="recheck">
          {busy === 'recheck' ? t('requests.review.rechecking') : t('requests.review.recheck')}
        </button>
        {view.recheck_report ? (
          <div className="recheck">
            <h3>{t('requests.review.recheckTitle', { at: when(view.recheck_at, lang, true) })}</h3>
            <RuleReport report={view.recheck_report} testId="recheck-report" />
          </div>
        ) : null}
      </section>

      {view.lon !== null && view.lat !== null ? (
        <section className="page-section" aria-labelledby="review-exposure">
          <h2 id="review-exposure">{t('requests.review.exposure')}</h2>
          <p className="muted">{t(decided ? 'requests.review.exposureRegistry' : 'requests.review.exposureWithProposal')}</p>
          <div className="exposure-map-wrap">
            <PinMap position={[view.lon, view.lat]} label={t('requests.review.exposureMap')} zoom={15} className="exposure-map">
              <ExposureOverlay lon={view.lon} lat={view.lat} proposed={proposed} onMax={setMax} />
            </PinMap>
            <ExposureLegend max={max} />
          </div>
        </section>
      ) : null}

      {view.type === 'new_structure' ? (
        <section className="page-section" aria-labelledby="review-sharing">
          <h2 id="review-sharing">{t('requests.sharing.title')}</h2>
          <SharingOptions options={view.sharing_options} radiusM={null} />
          <h3>{t('requests.sharing.justification')}</h3>
          <p className="prewrap" dir="auto">{view.sharing_justification || t('requests.review.noJustification')}</p>
        </section>
      ) : null}

      <section className="page-section" aria-labelledby="review-comments">
        <h2 id="review-comments">{t('requests.comments.title', { count: view.comments.length })}</h2>
        <CommentsList
          comments={view.comments}
          moderate={{ requestId: view.id, onChange: (c) => onChange({ ...view, comments: view.comments.map((x) => (x.id === c.id ? c : x)) }) }}
        />
      </section>

      <section className="page-section" aria-labelledby="review-decide">
        <h2 id="review-decide">{t('requests.decide.title')}</h2>
        {error ? <p className="error" role="alert">{error}</p> : null}
        {view.status === 'consultation' ? (
          view.next_statuses.includes('under_review') && !view.clocks.consultation_open ? (
            <button type="button" className="button" disabled={busy !== null} onClick={() => void act('close')}>
              {t('requests.review.closeConsultation')}
            </button>
          ) : (
            <p>{t('requests.review.waitConsultation', { at: when(view.clocks.consultation_ends_at, lang, true) })}</p>
          )
        ) : null}
        {view.status === 'under_review' ? <DecisionForm requestId={view.id} onDecided={onChange} /> : null}
        {view.status !== 'consultation' && view.status !== 'under_review' && !decided ? <p className="muted">{t('requests.review.notYet')}</p> : null}
      </section>
    </>
  );
}
