/** One concern as a planner works it (`/planner/concerns/:code`): the resident's contact (seen only
 *  here), the original text, the evidence, the history with who acted, and the actions: answer with a
 *  status and note, merge, hide. */
import { CATEGORY_NAMES, STATUS_NAMES } from '../../../shared/concerns.js';
import { isTrackingCode, normaliseTrackingCode } from '../../../shared/tracking-code.js';
import { concernsApi, type PlannerConcernView } from '../concerns/concerns-api.js';
import { countKey, dateTime, displayCode } from '../concerns/format.js';
import { HideForm, MergeForm } from '../concerns/ModerationForms.js';
import { PlannerOnly, type PlannerOnlyTexts } from '../PlannerOnly.js';
import { StatusForm } from '../concerns/StatusForm.js';
import { StatusHistory } from '../concerns/StatusHistory.js';
import { useLoaded } from '../concerns/use-concern.js';
import '../concerns/concerns-form.css';
import '../concerns/concerns-page.css';
import '../concerns/concerns-planner.css';
import { useI18n } from '../i18n/i18n.js';
import { Link, navigate } from '../router.js';

/** Who may open this page, in its own words. */
const CONCERN_GUARD: PlannerOnlyTexts = { loading: 'concerns.page.loading', title: 'concerns.queue.title', notPlanner: 'concerns.queue.notPlanner', signIn: 'concerns.queue.signIn' };

/** A phone number as a `tel:` address: Persian and Arabic-Indic digits made Latin, only digits and `+` kept. */
const telHref = (phone: string): string =>
  `tel:${phone.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[^\d+]/g, '')}`;

function Contact({ c }: { c: PlannerConcernView['contact'] }) {
  const { t } = useI18n();
  const any = c.name || c.email || c.phone;
  return (
    <section className="concern-section contact-card" aria-labelledby="contact-title" data-testid="contact">
      <h2 id="contact-title">{t('concerns.work.contact')}</h2>
      <p className="private-note">{t('concerns.work.contactPrivate')}</p>
      {any ? (
        <dl className="facts">
          {c.name ? (
            <>
              <dt>{t('concerns.form.name')}</dt>
              <dd dir="auto">{c.name}</dd>
            </>
          ) : null}
          {c.email ? (
            <>
              <dt>{t('concerns.form.email')}</dt>
              <dd>
                <a href={`mailto:${c.email}`} dir="ltr">
                  {c.email}
                </a>
              </dd>
            </>
          ) : null}
          {c.phone ? (
            <>
              <dt>{t('concerns.form.phone')}</dt>
              <dd>
                <a href={telHref(c.phone)} dir="ltr">
                  {c.phone}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>{t('concerns.work.noContact')}</p>
      )}
    </section>
  );
}

function Work({ code }: { code: string }) {
  const { t, lang, num } = useI18n();
  const concern = useLoaded((signal) => concernsApi.planner(code, signal), code);
  const c = concern.data;
  if (concern.error) return <p className="page-narrow error" role="alert">{concern.error.status === 404 ? t('concerns.page.notFound') : t('concerns.work.error', { message: concern.error.message })}</p>;
  if (!c) return <p className="page-narrow" role="status">{t('concerns.page.loading')}</p>;

  const onMerged = (target: PlannerConcernView) => navigate(`/planner/concerns/${target.code}`);
  return (
    <div className="concern-page work-page" data-testid="work-page" data-code={c.code}>
      <p className="back-link">
        <Link href="/planner/concerns">{t('concerns.work.back')}</Link>
      </p>
      <h1>
        {CATEGORY_NAMES[c.category][lang]}{' '}
        <span className="title-code">
          <bdi dir="ltr">{displayCode(c.code, lang)}</bdi>
        </span>
      </h1>
      <p className="badges">
        <span className={`badge concern-status-${c.status}`} data-testid="concern-status" data-status={c.status}>
          {STATUS_NAMES[c.status][lang]}
        </span>
        <span className="badge priority-badge">{t('concerns.queue.priority', { value: num(c.priority, 0) })}</span>
        <span className="badge supporters">{t(countKey('concerns.queue.supporters', c.supporters), { count: num(c.supporters) })}</span>
        {c.near_sensitive ? <span className="badge near-sensitive">{t('concerns.queue.nearSensitiveBadge')}</span> : null}
        {c.hidden ? <span className="badge hidden-badge">{t('concerns.queue.hiddenBadge')}</span> : null}
      </p>
      <p className="muted">{t('concerns.work.filed', { date: dateTime(c.created_at, lang), channel: t(`concerns.work.channel.${c.channel}`) })}</p>
      <p className="work-links">
        <Link href={`/concerns/${c.code}`}>{t('concerns.work.publicPage')}</Link>
      </p>
      <div className="work-columns">
        <div>
          <Contact c={c.contact} />
          <section className="concern-section" aria-labelledby="work-desc-title">
            <h2 id="work-desc-title">{t('concerns.work.originalText')}</h2>
            {c.description ? <p className="concern-description" dir="auto">{c.description}</p> : <p className="muted">{t('concerns.page.noDescription')}</p>}
            {c.address ? <p className="muted">{t('concerns.work.address', { address: c.address })}</p> : null}
            {c.photo_url ? <img className="concern-photo" src={c.photo_url} alt={t('concerns.page.photoAlt')} /> : null}
          </section>
          <section className="concern-section" aria-labelledby="work-evidence-title">
            <h2 id="work-evidence-title">{t('concerns.evidence.title')}</h2>
            <p>{c.evidence.summary[lang]}</p>
          </section>
          <section className="concern-section" aria-labelledby="work-history-title">
            <h2 id="work-history-title">{t('concerns.page.history')}</h2>
            <StatusHistory events={c.history} />
          </section>
        </div>
        <div>
          <StatusForm concern={c} onSaved={concern.set} />
          <MergeForm concern={c} onSaved={onMerged} />
          <HideForm concern={c} onSaved={concern.set} />
        </div>
      </div>
    </div>
  );
}

/** The page for the concern whose code is `typed` (planners only). */
export function ConcernWorkPage({ typed }: { typed: string }) {
  const { t } = useI18n();
  const code = normaliseTrackingCode(decodeURIComponent(typed));
  return <PlannerOnly texts={CONCERN_GUARD}>{isTrackingCode(code) ? <Work code={code} /> : <p className="page-narrow">{t('concerns.page.notFound')}</p>}</PlannerOnly>;
}
