/** The planning view (planners only): a dashboard of density, the consolidation plan, the enforcement case list and
 *  possible unregistered masts, for the whole city or one district; the section and district kept in the address. */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { ConsolidationView } from '../planning/ConsolidationView.js';
import { DashboardView } from '../planning/DashboardView.js';
import { EnforcementView } from '../planning/EnforcementView.js';
import { LoadState } from '../planning/parts.js';
import { PlannerOnly, type PlannerOnlyTexts } from '../PlannerOnly.js';
import { planningApi } from '../planning/planning-api.js';
import { UnregisteredView } from '../planning/UnregisteredView.js';
import { useBasics } from '../planning/use-basics.js';
import { useLoad } from '../planning/use-load.js';
import { Link } from '../router.js';
import '../styles/planning.css';
import '../styles/planning-charts.css';

/** Who may open this page, in its own words. */
const PLANNING_GUARD: PlannerOnlyTexts = { loading: 'planning.loading', title: 'planning.title', notPlanner: 'planning.notPlanner', signIn: 'planning.signIn' };

const TABS = ['dashboard', 'consolidation', 'enforcement', 'unregistered'] as const;
type Tab = (typeof TABS)[number];

function readAddress(): { tab: Tab; district?: number } {
  const p = new URLSearchParams(window.location.search);
  const tab = TABS.find((x) => x === p.get('tab')) ?? 'dashboard';
  const d = Number(p.get('district'));
  return { tab, district: Number.isInteger(d) && d > 0 ? d : undefined };
}

/** The page's body once the user is known to be a planner. */
function Planning() {
  const { t, name } = useI18n();
  const initial = readAddress();
  const [tab, setTab] = useState<Tab>(initial.tab);
  const [district, setDistrict] = useState<number | undefined>(initial.district);
  const basics = useBasics();
  const policy = useLoad((signal) => planningApi.policy(signal), 'policy');
  const summary = useLoad((signal) => planningApi.summary(district, signal), `summary/${district}`);

  useEffect(() => {
    const q = new URLSearchParams();
    if (tab !== 'dashboard') q.set('tab', tab);
    if (district !== undefined) q.set('district', String(district));
    const query = q.toString();
    const next = `/planning${query ? `?${query}` : ''}`;
    if (next !== window.location.pathname + window.location.search) window.history.replaceState(null, '', next);
  }, [tab, district]);

  // Arrow keys move between tabs (WAI-ARIA Authoring Practices, tabs pattern); in Persian "next" is to the left.
  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const rtl = document.documentElement.dir === 'rtl';
    const next = TABS[(i + (rtl ? -step : step) + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  const rules = policy.data?.policy;
  return (
    <div className="planning-page">
      <header className="planning-head">
        <div>
          <h1>{t('planning.title')}</h1>
          <p className="muted">{t('planning.intro')}</p>
        </div>
        <div className="planning-head-tools">
          <div className="field plan-inline">
            <label htmlFor="planning-district">{t('planning.district')}</label>
            <select id="planning-district" name="district" value={district ?? ''} onChange={(e) => setDistrict(e.target.value ? Number(e.target.value) : undefined)}>
              <option value="">{t('planning.district.all')}</option>
              {basics.districts.map((d) => (
                <option key={d.properties.id} value={d.properties.id}>
                  {name(d.properties)}
                </option>
              ))}
            </select>
          </div>
          <Link className="button secondary" href={`/planning/report${district !== undefined ? `?district=${district}` : ''}`}>
            {t('planning.report')}
          </Link>
        </div>
      </header>
      <div className="plan-tabs" role="tablist" aria-label={t('planning.tabs')} onKeyDown={onTabKey}>
        {TABS.map((x) => (
          <button
            key={x}
            id={`tab-${x}`}
            type="button"
            role="tab"
            aria-selected={tab === x}
            aria-controls={`panel-${x}`}
            tabIndex={tab === x ? 0 : -1}
            className="plan-tab"
            onClick={() => setTab(x)}
          >
            {t(`planning.tab.${x}`)}
          </button>
        ))}
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="plan-tab-panel">
        <LoadState state={policy} />
        {tab === 'dashboard' ? (
          <>
            <LoadState state={summary} />
            {summary.data && rules ? (
              <DashboardView summary={summary.data} basics={basics} limit={rules.rules.density.max_per_km2} cellKm={rules.rules.density.cell_km} district={district} />
            ) : null}
          </>
        ) : null}
        {tab === 'consolidation' && rules ? (
          <ConsolidationView key={district ?? 0} basics={basics} district={district} defaults={{ ground_m: rules.consolidation.ground_merge_m, rooftop_m: rules.consolidation.rooftop_merge_m }} />
        ) : null}
        {tab === 'enforcement' ? <EnforcementView basics={basics} district={district} /> : null}
        {tab === 'unregistered' ? <UnregisteredView basics={basics} /> : null}
      </div>
    </div>
  );
}

/** The planning page, for planners and admins. */
export function PlanningPage() {
  return (
    <PlannerOnly texts={PLANNING_GUARD}>
      <Planning />
    </PlannerOnly>
  );
}
