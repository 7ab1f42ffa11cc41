/** Possible unregistered masts: OpenCelliD cells clustered into candidate masts, those with no registered structure
 *  nearby listed with their cell count and operators, on a map, exportable; the clustering adjustable. */
import { useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { FocusOn, MarkersLayer, type MarkerPoint } from './map-layers.js';
import { PlanningMap } from './PlanningMap.js';
import { planningApi } from './planning-api.js';
import { ExportLinks, LoadState, useExportLinks } from './parts.js';
import { Swatch } from './scale.js';
import type { Basics } from './use-basics.js';
import { useLoad } from './use-load.js';

const CANDIDATE = '#d6336c';
const DEFAULTS = { eps_m: 100, min_cells: 1, match_m: 150 };

/** The section. */
export function UnregisteredView({ basics }: { basics: Basics }) {
  const { t, num, list } = useI18n();
  const [params, setParams] = useState(DEFAULTS);
  const [draft, setDraft] = useState({ eps: '100', min: '1', match: '150' });
  const [focus, setFocus] = useState<readonly number[] | null>(null);
  const data = useLoad((signal) => planningApi.unregistered(params, signal), JSON.stringify(params));
  const links = useExportLinks();
  const u = data.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = { eps_m: Number(draft.eps), min_cells: Math.round(Number(draft.min)), match_m: Number(draft.match) };
    if (next.eps_m >= 10 && next.eps_m <= 1000 && next.min_cells >= 1 && next.min_cells <= 100 && next.match_m >= 10 && next.match_m <= 2000) setParams(next);
  };
  const points = useMemo<MarkerPoint[]>(() => (u?.candidates ?? []).map((c) => ({
    id: c.id, position: [c.lon, c.lat], color: CANDIDATE, radius: 4 + Math.min(6, c.cells),
    label: `${num(c.cells)} · ${list(c.operators.map(basics.operatorName))}`,
  })), [u, num, list, basics.operatorName]);

  return (
    <div className="planning-section">
      <p className="plan-intro">{t('planning.unreg.intro')}</p>
      <form className="plan-params" onSubmit={submit}>
        <div className="field">
          <label htmlFor="unreg-eps">{t('planning.unreg.eps')}</label>
          <input id="unreg-eps" type="number" min={10} max={1000} value={draft.eps} onChange={(e) => setDraft({ ...draft, eps: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="unreg-min">{t('planning.unreg.minCells')}</label>
          <input id="unreg-min" type="number" min={1} max={100} value={draft.min} onChange={(e) => setDraft({ ...draft, min: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="unreg-match">{t('planning.unreg.match')}</label>
          <input id="unreg-match" type="number" min={10} max={2000} value={draft.match} onChange={(e) => setDraft({ ...draft, match: e.target.value })} />
        </div>
        <button type="submit" className="button">{t('planning.unreg.apply')}</button>
      </form>
      <LoadState state={data} />
      {u && u.cells === 0 ? <p className="plan-notice">{t('planning.unreg.none')}</p> : null}
      {u && u.cells > 0 ? (
        <>
          <p data-testid="unregistered-summary">
            {t('planning.unreg.summary', { cells: num(u.cells), candidates: num(u.candidates_total), unregistered: num(u.candidates.length) })}
          </p>
          <div className="plan-map-legend">
            <PlanningMap config={basics.config} districts={basics.districts} label={t('planning.tab.unregistered')}>
              <MarkersLayer points={points} />
              <FocusOn focus={focus} />
            </PlanningMap>
            <ul className="plan-legend">
              <li><Swatch color={CANDIDATE} shape="dot" /> {t('planning.unreg.legend')}</li>
            </ul>
          </div>
          <ExportLinks path="/api/planning/unregistered" query={params} links={links} />
          <div className="plan-table-wrap">
            <table className="plan-table">
              <thead>
                <tr>
                  <th scope="col">{t('planning.unreg.col.candidate')}</th>
                  <th scope="col">{t('planning.unreg.col.cells')}</th>
                  <th scope="col">{t('planning.unreg.col.operators')}</th>
                  <th scope="col">{t('planning.unreg.col.radios')}</th>
                  <th scope="col">{t('planning.enf.col.district')}</th>
                  <th scope="col">{t('planning.unreg.col.nearest')}</th>
                </tr>
              </thead>
              <tbody>
                {u.candidates.slice(0, 300).map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <button type="button" className="text-button" onClick={() => setFocus([c.lon, c.lat])}>
                        {num(c.lat, 5)}، {num(c.lon, 5)}
                      </button>
                    </th>
                    <td>{num(c.cells)}</td>
                    <td>{list([...c.operators.map(basics.operatorName), ...c.unknown_networks])}</td>
                    <td>{c.radios.join(' ')}</td>
                    <td>{basics.districtName(c.district_id)}</td>
                    <td>{c.nearest_site ? t('planning.unreg.nearest', { code: c.nearest_site.code, distance: num(c.nearest_site.distance_m) }) : t('planning.unreg.noNearest')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('planning.unreg.source')}</p>
        </>
      ) : null}
    </div>
  );
}
