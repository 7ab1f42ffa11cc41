/** The structure density layer: GET /api/density for the view (the policy's equal-area cells, one operator's
 *  structures or all), cells coloured by structures per km² in classes around the policy's limit, with a legend
 *  that holds the operator choice. */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { useI18n } from '../i18n/i18n.js';
import { toLatLngs } from '../map/latlng.js';
import { densityBreaks, densityColor, DENSITY_COLORS, DENSITY_MIN_ZOOM } from './density-scale.js';
import { MapLegend } from './MapLegend.js';
import { sitingApi, type DensityAnswer } from './siting-api.js';
import { useOperators } from './use-operators.js';
import { usePolicy } from './use-policy.js';
import { useViewLoad, type MapView } from './use-view-load.js';

/** Above the zones (300), under the exposure image (410) and the masts. */
const DENSITY_PANE = 'dakal-density';

/** The layer and its legend. */
export function DensityLayer() {
  const map = useMap();
  const { t, num, name } = useI18n();
  const id = useId();
  const { operators } = useOperators();
  const policy = usePolicy();
  const [operator, setOperator] = useState('');
  const load = useCallback(
    (view: MapView, signal: AbortSignal): Promise<DensityAnswer> | null =>
      view.zoom < DENSITY_MIN_ZOOM ? null : sitingApi.density(view.bbox, operator || null, signal),
    [operator],
  );
  const cells = useViewLoad(map, load, operator);
  const group = useRef<L.LayerGroup | null>(null);
  const limit = policy?.policy.rules.density.max_per_km2 ?? null;
  const breaks = densityBreaks(limit ?? 20);

  useEffect(() => {
    if (!map.getPane(DENSITY_PANE)) {
      const pane = map.createPane(DENSITY_PANE);
      pane.style.zIndex = '405';
      pane.style.pointerEvents = 'none';
    }
    const g = L.layerGroup().addTo(map);
    group.current = g;
    return () => {
      g.remove();
      group.current = null;
    };
  }, [map]);

  useEffect(() => {
    const g = group.current;
    if (!g) return;
    g.clearLayers();
    for (const f of cells.data?.features ?? []) {
      const fill = densityColor(f.properties.per_km2, breaks);
      g.addLayer(L.polygon(toLatLngs(f.geometry.coordinates[0] ?? []), { pane: DENSITY_PANE, interactive: false, color: '#6b4a1f', weight: 0.6, opacity: 0.6, fillColor: fill, fillOpacity: 0.55 }));
    }
  }, [cells.data, breaks.join()]);

  const zoomedOut = cells.view !== null && cells.view.zoom < DENSITY_MIN_ZOOM;
  const cellKm = cells.data?.cell_km ?? policy?.policy.rules.density.cell_km ?? null;
  const state = cells.error
    ? t('siting.density.error', { message: cells.error })
    : zoomedOut
      ? t('siting.density.zoomIn')
      : cells.loading
        ? t('siting.density.loading')
        : cellKm !== null
          ? t('siting.density.cells', { count: num(cells.data?.features.length ?? 0), area: num(cellKm * cellKm, 2) })
          : '';
  const ranges = DENSITY_COLORS.map((c, i) => ({
    c,
    text: i === 0 ? t('siting.density.below', { value: num(breaks[0]!) }) : i < breaks.length ? `${num(breaks[i - 1]!)}–${num(breaks[i]!)}` : t('siting.density.above', { value: num(breaks[breaks.length - 1]!) }),
  }));

  return (
    <MapLegend id={id} title={t('siting.density.title')} className="density-legend" testId="density-legend" busy={cells.loading}>
      <div className="field">
        <label htmlFor={`${id}-op`}>{t('siting.density.operator')}</label>
        <select id={`${id}-op`} name="density-operator" value={operator} onChange={(e) => setOperator(e.target.value)}>
          <option value="">{t('siting.density.allOperators')}</option>
          {operators.map((o) => (
            <option key={o.id} value={o.id}>
              {name(o)}
            </option>
          ))}
        </select>
      </div>
      <p className="map-legend-sub">{t('siting.density.scale')}</p>
      <ul className="map-legend-classes">
        {ranges.map((r, i) => (
          <li key={r.c}>
            <span className={`swatch density-class-${i}`} aria-hidden="true" />
            {r.text}
          </li>
        ))}
      </ul>
      {limit !== null ? <p className="map-legend-sub">{t('siting.density.limit', { value: num(limit) })}</p> : null}
      <p className={`map-legend-state${cells.loading ? ' loading' : ''}`} role="status" data-testid="density-state" data-cells={cells.data?.features.length ?? ''}>
        {state}
      </p>
    </MapLegend>
  );
}
