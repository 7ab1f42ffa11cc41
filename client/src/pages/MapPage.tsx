/** The public map: every mast in view, filters, search, layers, and one mast's panel, with the
 *  whole view (centre, zoom, filters, layers, selected mast) kept in the address for sharing. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type L from 'leaflet';
import type { Operator } from '../../../shared/model.js';
import { api, isAbort, type ClientConfig, type SiteFeature, type ZoneFeature } from '../api.js';
import { TrackBox } from '../concerns/TrackBox.js';
import { useConcernFiling } from '../concerns/use-concern-filing.js';
import { useI18n } from '../i18n/i18n.js';
import { FilterPanel } from '../map/FilterPanel.js';
import { LayerPanel } from '../map/LayerPanel.js';
import { LocateButton } from '../map/LocateButton.js';
import { MapCanvas } from '../map/MapCanvas.js';
import { SearchBox } from '../map/SearchBox.js';
import { SiteList } from '../map/SiteList.js';
import { SitePanel } from '../map/SitePanel.js';
import { bboxParam, boundsToBBox, geometryBounds, toLatLng, toLonLat } from '../map/latlng.js';
import { useMapPoints, type ViewBox } from '../map/use-map-points.js';
import { parseView, writeViewToUrl, type OverlayId, type SiteFilters } from '../map/view-state.js';

/** Zoom at which a chosen mast is shown (the server lists single masts from zoom 15). */
const SITE_ZOOM = 16;

/** Loads something once; failures are logged and leave the fallback. */
function useOnce<T>(load: (signal: AbortSignal) => Promise<T>, fallback: T): T {
  const [value, setValue] = useState<T>(fallback);
  useEffect(() => {
    const ac = new AbortController();
    load(ac.signal).then(setValue, (e: unknown) => !isAbort(e) && console.warn(e));
    return () => ac.abort();
  }, [load]);
  return value;
}

const loadConfig = (s: AbortSignal) => api.config(s);
const loadOperators = (s: AbortSignal) => api.operators(s);
const loadDistricts = (s: AbortSignal) => api.zones({ kind: 'district' }, s).then((fc) => fc.features);

/** The map page: state, address, and the parts around the map. */
export function MapPage() {
  const { t, name } = useI18n();
  const initial = useMemo(() => parseView(window.location.search), []);
  const [filters, setFilters] = useState<SiteFilters>(initial.filters);
  const [overlays, setOverlays] = useState<readonly OverlayId[]>(initial.overlays);
  const [siteId, setSiteId] = useState<number | null>(initial.site);
  const [viewBox, setViewBox] = useState<ViewBox | null>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [controlsOpen, setControlsOpen] = useState(false);
  const [status, setStatus] = useState('');
  const [reloadKey, setReloadKey] = useState(0);
  const centre = useRef({ lon: initial.lon, lat: initial.lat, zoom: initial.zoom });
  const opener = useRef<HTMLElement | null>(null);
  const panel = useRef<HTMLElement | null>(null);
  const drawerClose = useRef<HTMLButtonElement | null>(null);
  const drawerToggle = useRef<HTMLButtonElement | null>(null);
  const drawerWasOpen = useRef(false);

  const config = useOnce<ClientConfig | null>(loadConfig, null);
  const operators = useOnce<Operator[]>(loadOperators, []);
  const districts = useOnce<ZoneFeature[]>(loadDistricts, []);
  const points = useMapPoints(viewBox, filters, reloadKey);
  const filing = useConcernFiling(map);

  const operatorById = useMemo(() => new Map(operators.map((o) => [o.id, o])), [operators]);
  const colorOf = useCallback((id: string) => operatorById.get(id)?.color, [operatorById]);
  const operatorName = useCallback((id: string) => {
    const o = operatorById.get(id);
    return o ? name(o) : id;
  }, [operatorById, name]);
  const districtName = useCallback((id: number | null) => {
    const d = id === null ? undefined : districts.find((z) => z.properties.id === id);
    return d ? name(d.properties) : null;
  }, [districts, name]);

  const onView = useCallback((m: L.Map) => {
    const [lon, lat] = toLonLat(m.getCenter());
    const zoom = Math.round(m.getZoom());
    centre.current = { lon, lat, zoom };
    setViewBox({ bbox: boundsToBBox(m.getBounds()), zoom });
  }, []);

  useEffect(() => {
    writeViewToUrl({ ...centre.current, filters, overlays, site: siteId });
  }, [viewBox, filters, overlays, siteId]);

  const openSite = useCallback((id: number) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setControlsOpen(false);
    setSiteId(id);
  }, []);

  const closeSite = useCallback(() => {
    setSiteId(null);
    const back = opener.current;
    opener.current = null;
    // The list row that opened the panel may have been redrawn meanwhile (the map narrowed and
    // refetched), or be missing for a moment: then its row, or the list itself, takes the focus.
    const fromList = back?.dataset.siteId !== undefined;
    const row = fromList ? document.querySelector<HTMLElement>(`.site-list [data-site-id="${back?.dataset.siteId}"]`) : null;
    const list = fromList ? document.getElementById('site-list-title') : null;
    (back?.isConnected ? back : (row ?? list ?? map?.getContainer()))?.focus();
  }, [map]);

  const flyToSite = (f: SiteFeature) => {
    map?.flyTo(toLatLng(f.geometry.coordinates), Math.max(map.getZoom(), SITE_ZOOM));
    openSite(f.properties.id);
  };

  const bringIntoView = useCallback((position: readonly number[]) => {
    if (!map) return;
    const box = map.getContainer().getBoundingClientRect();
    const sheet = panel.current?.getBoundingClientRect();
    // On a phone the panel is a bottom sheet over the map: only the part above it counts as visible.
    const visibleHeight = sheet && sheet.top > box.top && sheet.top < box.bottom ? sheet.top - box.top : box.height;
    const p = map.latLngToContainerPoint(toLatLng(position));
    const margin = 32;
    if (p.x < margin || p.x > box.width - margin || p.y < margin || p.y > visibleHeight - margin) {
      map.panBy(p.subtract([box.width / 2, visibleHeight / 2]));
    }
  }, [map]);

  // On a phone the controls cover the map: focus goes into the drawer and back to its toggle.
  useEffect(() => {
    if (controlsOpen) drawerClose.current?.focus();
    else if (drawerWasOpen.current && document.activeElement === document.body) drawerToggle.current?.focus();
    drawerWasOpen.current = controlsOpen;
    if (!controlsOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setControlsOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controlsOpen]);

  // A passing message (location, copied link) fades after a while; it was announced when it appeared.
  useEffect(() => {
    if (!status) return;
    const timer = window.setTimeout(() => setStatus(''), 8000);
    return () => window.clearTimeout(timer);
  }, [status]);

  const copyLink = () => {
    navigator.clipboard?.writeText(window.location.href).then(
      () => setStatus(t('map.linkCopied')),
      () => setStatus(t('map.linkCopyFailed')),
    ) ?? setStatus(t('map.linkCopyFailed'));
  };

  const total = points.data?.total;
  const features = points.data?.features ?? [];
  const countText = total === undefined ? t('map.loading') : total === 0 ? t('count.none') : t('count.sites', { count: total });

  return (
    <div className={`map-page${siteId !== null ? ' has-panel' : ''}`}>
      <h1 className="visually-hidden">{t('app.tagline')}</h1>
      <section id="map-controls" className={`controls${controlsOpen ? ' open' : ''}`} aria-label={t('map.controls')}>
        <div className="controls-close">
          <p className="controls-count">{countText}</p>
          <button ref={drawerClose} type="button" className="icon-button" onClick={() => setControlsOpen(false)} aria-label={t('map.closeControls')}>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
              <path d="M5 5l14 14M19 5L5 19" stroke="currentColor" strokeWidth="2.5" />
            </svg>
          </button>
        </div>
        <SearchBox
          operators={operators}
          districts={districts}
          onSite={flyToSite}
          onOperator={(id) => {
            setFilters((f) => ({ ...f, operator: id }));
          }}
          onDistrict={(z) => {
            setControlsOpen(false);
            map?.flyToBounds(geometryBounds(z.geometry));
          }}
        />
        <FilterPanel filters={filters} operators={operators} onChange={setFilters} />
        <SiteList
          points={features}
          selectedId={siteId}
          operatorName={operatorName}
          colorOf={colorOf}
          onSite={openSite}
          onCluster={(position, zoom) => map?.flyTo(toLatLng(position), zoom)}
        />
        <LayerPanel overlays={overlays} operators={operators} onChange={setOverlays} />
        <section className="panel-section">
          <TrackBox compact />
        </section>
        <section className="panel-section">
          <button type="button" className="button secondary" onClick={copyLink}>
            {t('map.copyLink')}
          </button>
        </section>
      </section>
      <div className="map-area">
        <MapCanvas
          initial={initial}
          config={config}
          overlays={overlays}
          bbox={viewBox ? bboxParam(viewBox.bbox) : null}
          points={features}
          colorOf={colorOf}
          selectedId={siteId}
          onMap={setMap}
          onView={onView}
          onSite={filing.picking ? filing.pickSite : openSite}
        />
        <button ref={drawerToggle} type="button" className="button controls-toggle" aria-expanded={controlsOpen} aria-controls="map-controls" onClick={() => setControlsOpen((o) => !o)}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path d="M3 5h18l-7 8v6l-4 2v-8z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
          </svg>
          {t('map.openControls')}
        </button>
        <p className="count" aria-live="polite" data-testid="site-count" data-total={total ?? ''}>
          {countText}
        </p>
        {points.error ? (
          <p className="map-error" role="alert">
            {t('map.loadError', { message: points.error.message })}{' '}
            <button type="button" className="text-button" onClick={() => setReloadKey((k) => k + 1)}>
              {t('map.retry')}
            </button>
          </p>
        ) : null}
        <LocateButton map={map} onStatus={setStatus} />
        {filing.element}
        <p className="map-status" role="status">
          {status}
        </p>
      </div>
      {siteId !== null ? (
        <SitePanel
          panelRef={panel}
          siteId={siteId}
          operatorName={operatorName}
          colorOf={colorOf}
          districtName={districtName}
          onClose={closeSite}
          onLoaded={bringIntoView}
          onReportConcern={(target) => {
            setSiteId(null);
            filing.start(target);
          }}
        />
      ) : null}
    </div>
  );
}
