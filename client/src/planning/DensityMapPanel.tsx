/** The dashboard's map: structures per km² on the equal-area grid (per operator or all), the districts as a
 *  choropleth, or the residents' concern hotspots; one layer at a time, with its legend. */
import { useMemo, useState } from 'react';
import type { SummaryResponse } from '../../../shared/api/planning.js';
import { useI18n } from '../i18n/i18n.js';
import { AreasLayer, type AreaFeature } from './map-layers.js';
import { PlanningMap } from './PlanningMap.js';
import { planningApi } from './planning-api.js';
import { LoadState } from './parts.js';
import { classColor, ScaleLegend } from './scale.js';
import type { Basics } from './use-basics.js';
import { useLoad } from './use-load.js';

type Layer = 'grid' | 'districts' | 'hotspots';
/** Concern counts per hotspot cell: a handful already stands out in a neighbourhood. */
const HOTSPOT_BREAKS = [2, 4, 8, 16] as const;

const boxPolygon = ([w, s, e, n]: readonly number[]): GeoJSON.Polygon => ({
  type: 'Polygon', coordinates: [[[w!, s!], [e!, s!], [e!, n!], [w!, n!], [w!, s!]]],
});

/** The map panel; `cellKm` is the policy's density cell. */
export function DensityMapPanel({ basics, summary, cellKm }: { basics: Basics; summary: SummaryResponse; cellKm: number }) {
  const { t, num, name } = useI18n();
  const [layer, setLayer] = useState<Layer>('grid');
  const [operator, setOperator] = useState('');
  const bbox = useMemo(() => {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const d of basics.districts) {
      const rings = d.geometry.type === 'Polygon' ? d.geometry.coordinates : d.geometry.coordinates.flat();
      for (const ring of rings) for (const [x, y] of ring as number[][]) {
        b[0] = Math.min(b[0]!, x!); b[1] = Math.min(b[1]!, y!); b[2] = Math.max(b[2]!, x!); b[3] = Math.max(b[3]!, y!);
      }
    }
    return b[0] === Infinity ? null : b.map((v) => Math.round(v * 1e5) / 1e5);
  }, [basics.districts]);
  const grid = useLoad(
    (signal) => (bbox && layer === 'grid' ? planningApi.density(bbox, cellKm, operator || undefined, signal) : Promise.resolve(null)),
    `${bbox?.join(',')}/${layer}/${operator}/${cellKm}`,
  );

  const perKm2 = t('planning.legend.perKm2');
  const districtAreas = useMemo<AreaFeature[]>(() => basics.districts.map((d) => {
    const row = summary.districts.find((x) => x.id === d.properties.id);
    const v = row?.per_km2 ?? 0;
    return { geometry: d.geometry, fill: layer === 'districts' ? classColor(v) : 'transparent', outline: '#37424a', label: `${name(d.properties)}: ${num(v, 1)} ${perKm2}` };
  }), [basics.districts, summary.districts, layer, name, num, perKm2]);
  const cells = useMemo<AreaFeature[]>(() => (grid.data?.features ?? []).map((f) => ({
    geometry: f.geometry, fill: classColor(f.properties.per_km2), outline: '#8a6d3b', label: `${num(f.properties.count)} · ${num(f.properties.per_km2, 1)} ${perKm2}`,
  })), [grid.data, num, perKm2]);
  const hotspots = useMemo<AreaFeature[]>(() => summary.concerns.hotspots.map((h) => ({
    geometry: boxPolygon(h.bbox), fill: classColor(h.count, HOTSPOT_BREAKS), outline: '#7a1f1f', label: `${num(h.count)} (${num(h.open)} ${t('planning.dash.col.concerns')})`,
  })), [summary.concerns.hotspots, num, t]);

  return (
    <section className="planning-card" aria-labelledby="density-map-title">
      <h2 id="density-map-title">{t('planning.dash.map')}</h2>
      <div className="plan-map-toolbar">
        <fieldset className="plan-segmented">
          <legend>{t('planning.dash.layer')}</legend>
          {(['grid', 'districts', 'hotspots'] as const).map((l) => (
            <label key={l}>
              <input type="radio" name="density-layer" value={l} checked={layer === l} onChange={() => setLayer(l)} />
              {l === 'grid' ? t('planning.dash.layer.grid', { km: num(cellKm, 2) }) : l === 'districts' ? t('planning.dash.layer.districts') : t('planning.dash.layer.hotspots')}
            </label>
          ))}
        </fieldset>
        {layer === 'grid' ? (
          <div className="field plan-inline">
            <label htmlFor="density-operator">{t('planning.dash.operator')}</label>
            <select id="density-operator" name="operator" value={operator} onChange={(e) => setOperator(e.target.value)}>
              <option value="">{t('planning.dash.allOperators')}</option>
              {basics.operators.map((o) => (
                <option key={o.id} value={o.id}>
                  {name(o)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {layer === 'grid' ? <LoadState state={grid} /> : null}
      <div className="plan-map-legend">
        <PlanningMap config={basics.config} districts={basics.districts} label={t('planning.dash.map')}>
          {layer === 'grid' ? <AreasLayer areas={cells} opacity={0.75} weight={0.5} /> : null}
          {layer === 'hotspots' ? <AreasLayer areas={hotspots} opacity={0.8} weight={0.8} /> : null}
          <AreasLayer areas={districtAreas} opacity={layer === 'districts' ? 0.75 : 0} weight={1.5} />
        </PlanningMap>
        {layer === 'hotspots' ? (
          <ScaleLegend title={t('planning.legend.concerns', { km: num(summary.concerns.cell_km, 1) })} breaks={HOTSPOT_BREAKS} />
        ) : (
          <ScaleLegend title={perKm2} />
        )}
      </div>
      {layer === 'grid' ? <p className="muted" data-testid="density-cells" data-count={cells.length}>{t('planning.dash.gridNote', { area: num(cellKm * cellKm, 2) })}</p> : null}
      {layer === 'hotspots' && summary.concerns.total === 0 ? <p className="muted">{t('planning.dash.concernsNone')}</p> : null}
    </section>
  );
}
