/** The consolidation plan: merge distances to adjust (the plan recomputed on the server), the city's structures
 *  before and after, the groups on the map (lines from each removed structure to the kept one) and as a list,
 *  the refused groups with the rule that refused them, and the exports. */
import { Fragment, useMemo, useState, type FormEvent } from 'react';
import type { ConsolidationResponse } from '../../../shared/api/planning.js';
import type { MessageKey } from '../i18n/fa.js';
import { useI18n } from '../i18n/i18n.js';
import { BarChart } from './charts.js';
import { FocusOn, LinesLayer, MarkersLayer, type MarkerPoint, type Segment } from './map-layers.js';
import { PlanningMap } from './PlanningMap.js';
import { planningApi } from './planning-api.js';
import { ExportLinks, Figure, LoadState, useExportLinks } from './parts.js';
import { Swatch } from './scale.js';
import type { Basics } from './use-basics.js';
import { useLoad } from './use-load.js';

const KEEP = '#1a7f37';
const REMOVE = '#c2410c';
/** Groups listed on the page; the exports hold every one. */
const LISTED = 200;

type Group = ConsolidationResponse['groups'][number];

/** One group as a table row. */
function GroupRow({ g, n, basics, onShow }: { g: Group; n: number; basics: Basics; onShow(g: Group): void }) {
  const { t, num, list, lang } = useI18n();
  const failed = g.checks.rules.filter((r) => r.status === 'fail').map((r) => t(`planning.rule.${r.rule}` as MessageKey));
  return (
    <tr>
      <td>
        <button type="button" className="text-button" onClick={() => onShow(g)} aria-label={t('planning.cons.showOnMap', { n: num(n) })}>
          {num(n)}
        </button>
      </td>
      <td><span className="plan-code">{g.keep.code}</span> <span className="muted">({t(`structure.${g.keep.structure_type}` as MessageKey)}{lang === 'fa' ? '، ' : ', '}{t('planning.metres', { n: num(g.keep.height_m) })})</span></td>
      <td>{g.removed.map((r, i) => <Fragment key={r.id}>{i ? (lang === 'fa' ? '، ' : ', ') : ''}<span className="plan-code">{r.code}</span></Fragment>)}</td>
      <td>{list(g.operators_moved.map(basics.operatorName))}</td>
      <td>{num(Math.max(...g.removed.map((r) => r.distance_m)))}</td>
      <td className={`plan-verdict-${g.checks.verdict}`}>{failed.length ? list(failed) : t(`planning.verdict.${g.checks.verdict}` as MessageKey)}</td>
    </tr>
  );
}

/** The section. */
export function ConsolidationView({ basics, district, defaults }: { basics: Basics; district?: number; defaults: { ground_m: number; rooftop_m: number } }) {
  const { t, num } = useI18n();
  const [params, setParams] = useState(defaults);
  const [draft, setDraft] = useState({ ground: String(defaults.ground_m), rooftop: String(defaults.rooftop_m) });
  const [focus, setFocus] = useState<readonly number[] | null>(null);
  const plan = useLoad((signal) => planningApi.consolidation({ ...params, district }, signal), `${params.ground_m}/${params.rooftop_m}/${district}`);
  const p = plan.data;
  const links = useExportLinks(true);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ground = Number(draft.ground);
    const rooftop = Number(draft.rooftop);
    if (ground >= 1 && ground <= 1000 && rooftop >= 1 && rooftop <= 500) setParams({ ground_m: ground, rooftop_m: rooftop });
  };

  const { lines, points } = useMemo(() => {
    const lines: Segment[] = [];
    const points: MarkerPoint[] = [];
    for (const g of p?.groups ?? []) {
      points.push({ id: g.keep.id, position: [g.keep.lon, g.keep.lat], color: KEEP, radius: 6, label: `${g.keep.code}: ${t('planning.cons.legend.keep')}` });
      for (const r of g.removed) {
        lines.push({ from: [r.lon, r.lat], to: [g.keep.lon, g.keep.lat], color: REMOVE });
        points.push({ id: r.id, position: [r.lon, r.lat], color: REMOVE, ring: true, radius: 5, label: `${r.code} → ${g.keep.code} (${num(r.distance_m)} m)` });
      }
    }
    return { lines, points };
  }, [p, t, num]);

  return (
    <div className="planning-section">
      <p className="plan-intro">{t('planning.cons.intro')}</p>
      <form className="plan-params" onSubmit={submit}>
        <div className="field">
          <label htmlFor="ground-m">{t('planning.cons.ground')}</label>
          <input id="ground-m" name="ground_m" type="number" min={5} max={1000} step={5} value={draft.ground} onChange={(e) => setDraft({ ...draft, ground: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="rooftop-m">{t('planning.cons.rooftop')}</label>
          <input id="rooftop-m" name="rooftop_m" type="number" min={5} max={500} step={5} value={draft.rooftop} onChange={(e) => setDraft({ ...draft, rooftop: e.target.value })} />
        </div>
        <button type="submit" className="button" disabled={plan.loading}>
          {t('planning.cons.recompute')}
        </button>
      </form>
      {plan.loading ? <p className="muted" role="status">{t('planning.cons.computing')}</p> : <LoadState state={plan} />}
      {p ? (
        <>
          <div className="plan-figures" data-testid="consolidation-totals" data-before={p.totals.before} data-after={p.totals.after} data-removed={p.totals.removed}>
            <Figure value={num(p.totals.before)} caption={t('planning.cons.before')} />
            <Figure value={num(p.totals.after)} caption={t('planning.cons.after')} tone="good" />
            <Figure value={num(p.totals.removed)} caption={t('planning.cons.removed')} />
          </div>
          <BarChart
            title={t('planning.cons.totalsChart')}
            bars={[
              { key: 'before', label: t('planning.cons.before'), value: p.totals.before, color: '#6b7280' },
              { key: 'after', label: t('planning.cons.after'), value: p.totals.after, color: KEEP },
            ]}
          />
          <div className="plan-map-legend">
            <PlanningMap config={basics.config} districts={basics.districts} label={t('planning.tab.consolidation')}>
              <LinesLayer lines={lines} />
              <MarkersLayer points={points} />
              <FocusOn focus={focus} />
            </PlanningMap>
            <ul className="plan-legend">
              <li><Swatch color={KEEP} shape="dot" /> {t('planning.cons.legend.keep')}</li>
              <li><Swatch color={REMOVE} shape="ring" /> {t('planning.cons.legend.remove')}</li>
            </ul>
          </div>
          <ExportLinks path="/api/planning/consolidation" query={{ ...params, district }} links={links} />
          <h2>{t('planning.cons.groups', { count: num(p.groups.length) })}</h2>
          {p.groups.length === 0 ? <p>{t('planning.cons.none')}</p> : (
            <div className="plan-table-wrap">
              <table className="plan-table" data-testid="consolidation-groups">
                <thead>
                  <tr>
                    {(['group', 'keep', 'remove', 'moved', 'distance', 'verdict'] as const).map((c) => <th key={c} scope="col">{t(`planning.cons.col.${c}` as MessageKey)}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {p.groups.slice(0, LISTED).map((g, i) => <GroupRow key={g.keep_site_id} g={g} n={i + 1} basics={basics} onShow={(x) => setFocus([x.keep.lon, x.keep.lat])} />)}
                </tbody>
              </table>
            </div>
          )}
          {p.groups.length > LISTED ? <p className="muted">{t('planning.cons.listed', { shown: num(LISTED), total: num(p.groups.length) })}</p> : null}
          {p.refused.length > 0 ? (
            <details className="plan-refused">
              <summary>{t('planning.cons.refused', { count: num(p.refused.length) })}</summary>
              <div className="plan-table-wrap">
                <table className="plan-table">
                  <tbody>
                    {p.refused.slice(0, LISTED).map((g, i) => <GroupRow key={g.keep_site_id} g={g} n={i + 1} basics={basics} onShow={(x) => setFocus([x.keep.lon, x.keep.lat])} />)}
                  </tbody>
                </table>
              </div>
            </details>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
