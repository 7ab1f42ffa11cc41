/** The printable report for the council (planners only): for the city or one district, in Persian or English, the
 *  figures, charts, a map of the consolidation plan and the enforcement cases, laid out for paper by planning.css. */
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { CountCharts, DistrictTable } from '../planning/DashboardView.js';
import { Figure, LoadState } from '../planning/parts.js';
import { PlannerOnly, type PlannerOnlyTexts } from '../PlannerOnly.js';
import { planningApi } from '../planning/planning-api.js';
import { classColor, ScaleLegend, Swatch } from '../planning/scale.js';
import { SvgMap, type SvgDot, type SvgLine, type SvgPolygon } from '../planning/SvgMap.js';
import { useBasics } from '../planning/use-basics.js';
import { useLoad } from '../planning/use-load.js';
import type { MessageKey } from '../i18n/fa.js';
import { Link } from '../router.js';
import '../styles/planning.css';
import '../styles/planning-charts.css';
import '../styles/planning-report.css';

/** Who may open this page, in its own words. */
const PLANNING_GUARD: PlannerOnlyTexts = { loading: 'planning.loading', title: 'planning.title', notPlanner: 'planning.notPlanner', signIn: 'planning.signIn' };

/** Cases printed in the report; the CSV holds them all. */
const PRINTED_CASES = 40;

function Report() {
  const { t, num, name, lang, setLang, list, date } = useI18n();
  const [district, setDistrict] = useState<number | undefined>(() => {
    const d = Number(new URLSearchParams(window.location.search).get('district'));
    return Number.isInteger(d) && d > 0 ? d : undefined;
  });
  const basics = useBasics();
  const key = String(district);
  const policy = useLoad((signal) => planningApi.policy(signal), 'policy');
  const summary = useLoad((signal) => planningApi.summary(district, signal), `s/${key}`);
  const plan = useLoad((signal) => planningApi.consolidation({ district }, signal), `c/${key}`);
  const cases = useLoad((signal) => planningApi.enforcement({ district }, signal), `e/${key}`);
  const limit = policy.data?.policy.rules.density.max_per_km2 ?? 20;

  const map = useMemo(() => {
    const shown = basics.districts.filter((d) => district === undefined || d.properties.id === district);
    const polygons: SvgPolygon[] = shown.map((d) => {
      const row = summary.data?.districts.find((x) => x.id === d.properties.id);
      return { geometry: d.geometry, fill: classColor(row?.per_km2 ?? 0), opacity: district === undefined ? 0.8 : 0.35, label: district === undefined ? name(d.properties) : undefined };
    });
    const lines: SvgLine[] = [];
    const dots: SvgDot[] = [];
    for (const g of plan.data?.groups ?? []) {
      for (const r of g.removed) {
        lines.push({ from: [r.lon, r.lat], to: [g.keep.lon, g.keep.lat], color: '#c2410c' });
        dots.push({ at: [r.lon, r.lat], color: '#c2410c', ring: true, r: district === undefined ? 3 : 5 });
      }
      dots.push({ at: [g.keep.lon, g.keep.lat], color: '#1a7f37', r: district === undefined ? 3.5 : 6 });
    }
    for (const c of cases.data?.cases ?? []) if (c.reasons.includes('unpermitted')) dots.push({ at: [c.lon, c.lat], color: '#b3261e', r: district === undefined ? 2.6 : 4.5 });
    return { polygons, lines, dots };
  }, [basics.districts, district, summary.data, plan.data, cases.data, name]);

  const place = district === undefined ? t('planning.report.city') : basics.districtName(district);
  const today = new Date().toISOString().slice(0, 10);
  const s = summary.data;
  return (
    <article className="plan-report" data-testid="report">
      <div className="plan-report-tools no-print">
        <Link href={`/planning${district !== undefined ? `?district=${district}` : ''}`}>{t('planning.report.back')}</Link>
        <div className="field plan-inline">
          <label htmlFor="report-district">{t('planning.district')}</label>
          <select id="report-district" value={district ?? ''} onChange={(e) => setDistrict(e.target.value ? Number(e.target.value) : undefined)}>
            <option value="">{t('planning.district.all')}</option>
            {basics.districts.map((d) => <option key={d.properties.id} value={d.properties.id}>{name(d.properties)}</option>)}
          </select>
        </div>
        <div role="group" aria-label={t('planning.report.language')} className="plan-lang">
          <button type="button" className="button secondary" aria-pressed={lang === 'fa'} onClick={() => setLang('fa')} lang="fa">فارسی</button>
          <button type="button" className="button secondary" aria-pressed={lang === 'en'} onClick={() => setLang('en')} lang="en">English</button>
        </div>
        <button type="button" className="button" onClick={() => window.print()}>{t('planning.report.print')}</button>
      </div>
      <header>
        <h1>{t('planning.report.title', { place })}</h1>
        <p className="muted">{t('planning.report.generated', { date: date(today) ?? today, version: num(policy.data?.version ?? 0) })}</p>
      </header>
      <LoadState state={summary} />
      {s ? (
        <section>
          <h2>{t('planning.report.figures')}</h2>
          <div className="plan-figures">
            <Figure value={num(s.sites.total)} caption={t('planning.dash.total')} />
            <Figure value={num(s.sites.shared)} caption={t('planning.dash.shared')} />
            <Figure value={num(s.sites.by_status.unpermitted ?? 0)} caption={t('planning.dash.unpermitted')} />
            <Figure value={num(s.concerns.open)} caption={t('planning.dash.col.concerns')} />
            {plan.data ? <Figure value={`${num(plan.data.totals.before)} ${lang === 'fa' ? '←' : '→'} ${num(plan.data.totals.after)}`} caption={t('planning.cons.totalsChart')} /> : null}
          </div>
          <CountCharts summary={s} basics={basics} />
        </section>
      ) : null}
      <section className="plan-report-map">
        <h2>{t('planning.report.map')}</h2>
        <SvgMap title={t('planning.report.map')} {...map} />
        <ul className="plan-legend">
          <li><Swatch color="#1a7f37" shape="dot" /> {t('planning.cons.legend.keep')}</li>
          <li><Swatch color="#c2410c" shape="ring" /> {t('planning.cons.legend.remove')}</li>
          <li><Swatch color="#b3261e" shape="dot" /> {t('planning.reason.unpermitted')}</li>
        </ul>
        <ScaleLegend title={t('planning.legend.perKm2')} />
      </section>
      {s ? (
        <section>
          <h2>{t('planning.dash.districts')}</h2>
          <DistrictTable summary={s} limit={limit} />
        </section>
      ) : null}
      {cases.data ? (
        <section>
          <h2>{t('planning.report.cases', { count: num(cases.data.cases.length) })}</h2>
          <table className="plan-table">
            <thead>
              <tr>
                <th scope="col">{t('planning.enf.col.code')}</th>
                <th scope="col">{t('planning.enf.col.status')}</th>
                <th scope="col">{t('planning.enf.col.operators')}</th>
                <th scope="col">{t('planning.enf.col.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.data.cases.slice(0, PRINTED_CASES).map((c) => (
                <tr key={c.site_id}>
                  <th scope="row" className="plan-code">{c.code}</th>
                  <td>{t(`status.${c.status}` as MessageKey)}</td>
                  <td>{list(c.operators.map(basics.operatorName))}</td>
                  <td>{list(c.reasons.map((r) => t(`planning.reason.${r}` as MessageKey)))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {cases.data.cases.length > PRINTED_CASES ? <p className="muted">{t('planning.report.moreCases', { count: num(cases.data.cases.length - PRINTED_CASES) })}</p> : null}
        </section>
      ) : null}
    </article>
  );
}

/** The printable report, for planners and admins. */
export function PlanningReportPage() {
  return (
    <PlannerOnly texts={PLANNING_GUARD}>
      <Report />
    </PlannerOnly>
  );
}
