/** Filing a concern from the map: the "report a concern" button, then a pin to place (tap the map,
 *  drag the pin, tap a mast, or use my location), then the form. The map page calls the hook and
 *  shows its element; a mast's panel starts it with the mast already chosen. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import L from 'leaflet';
import { api, isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { toLatLng, toLonLat } from '../map/latlng.js';
import { ConcernForm } from './ConcernForm.js';
import { FilingPin } from './filing-pin.js';
import { PickBar } from './PickBar.js';
import './concerns-map.css';

/** Where the concern is, and the mast it is about when one was chosen. */
export interface FilingTarget {
  lon: number;
  lat: number;
  site: { id: number; code: string } | null;
}

type Stage = { stage: 'idle' } | { stage: 'pick' | 'form'; target: FilingTarget };

/** Zoom at which a place is picked: single masts and streets are visible. */
const PICK_ZOOM = 16;

/** What the map page gets from the filing hook. */
export interface ConcernFiling {
  /** Whether a place is being picked: a mast tapped now is the concern's subject, not a panel to open. */
  picking: boolean;
  /** Starts filing; with a target (a mast from its panel) the form opens at once. */
  start(target?: FilingTarget): void;
  /** Makes a tapped mast the concern's place and subject. */
  pickSite(id: number): void;
  /** The button, the picking bar or the form, for the map area. */
  element: ReactNode;
}

/** The filing state and its pin on `map`. */
export function useConcernFiling(map: L.Map | null): ConcernFiling {
  const { t } = useI18n();
  const [state, setState] = useState<Stage>({ stage: 'idle' });
  const pin = useRef<FilingPin | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wasActive = useRef(false);
  const active = state.stage !== 'idle';

  const setTarget = useCallback((target: FilingTarget) => setState((s) => (s.stage === 'idle' ? s : { ...s, target })), []);

  // The pin lives while filing; a drag or a tap on the map makes it a plain place (no mast).
  useEffect(() => {
    if (!map || !active) return;
    const start = map.getCenter();
    const p = new FilingPin(map, start, t('concerns.pick.pin'), (at) => {
      const [lon, lat] = toLonLat(at);
      setTarget({ lon, lat, site: null });
    });
    pin.current = p;
    return () => {
      p.remove();
      pin.current = null;
    };
    // Made once per filing, not again when the language changes: its title is read when it is made.
  }, [map, active, setTarget]);

  const target = state.stage === 'idle' ? null : state.target;
  useEffect(() => {
    if (target) pin.current?.moveTo(toLatLng([target.lon, target.lat]));
  }, [target, map, active]);

  // On a wide screen the form is a card over one side of the map: the pin is panned clear of it, so
  // the resident sees where the concern will be. On a phone the form covers the map; nothing to do.
  const formOpen = state.stage === 'form';
  useEffect(() => {
    if (!formOpen || !map) return;
    const frame = requestAnimationFrame(() => {
      const card = map.getContainer().parentElement?.querySelector('.concern-form-panel')?.getBoundingClientRect();
      const box = map.getContainer().getBoundingClientRect();
      const at = pin.current?.position();
      if (!card || !at || card.width >= box.width - 40) return;
      const start = card.left - box.left;
      const end = card.right - box.left;
      const p = map.latLngToContainerPoint(at);
      if (p.x < start - 24 || p.x > end + 24) return;
      const targetX = start > box.width - end ? start / 2 : (end + box.width) / 2;
      map.panBy([p.x - targetX, 0]);
    });
    return () => cancelAnimationFrame(frame);
  }, [formOpen, map]);

  // Back to the button after cancelling, so keyboard users keep their place.
  useEffect(() => {
    if (!active && wasActive.current) button.current?.focus();
    wasActive.current = active;
  }, [active]);

  const start = useCallback((given?: FilingTarget) => {
    if (given) {
      map?.setView(toLatLng([given.lon, given.lat]), Math.max(map.getZoom(), PICK_ZOOM));
      setState({ stage: 'form', target: given });
      return;
    }
    if (map && map.getZoom() < PICK_ZOOM - 2) map.setZoom(PICK_ZOOM - 2);
    const [lon, lat] = map ? toLonLat(map.getCenter()) : [0, 0];
    setState({ stage: 'pick', target: { lon, lat, site: null } });
  }, [map]);

  // `/?concern=new` (the tracking page's "report a concern") starts picking once the map is ready.
  const startsAtOnce = useRef(new URLSearchParams(window.location.search).get('concern') === 'new');
  useEffect(() => {
    if (!map || !startsAtOnce.current) return;
    startsAtOnce.current = false;
    start();
  }, [map, start]);

  const siteRequest = useRef<AbortController | null>(null);
  const pickSite = useCallback((id: number) => {
    siteRequest.current?.abort();
    const ac = new AbortController();
    siteRequest.current = ac;
    api.site(id, ac.signal).then(
      (f) => {
        const [lon = 0, lat = 0] = f.geometry.coordinates;
        setTarget({ lon, lat, site: { id, code: f.properties.code } });
      },
      (e: unknown) => !isAbort(e) && console.warn('site for concern', e),
    );
  }, [setTarget]);

  const cancel = useCallback(() => setState({ stage: 'idle' }), []);
  const pinAtCentre = () => {
    if (!map) return;
    const [lon, lat] = toLonLat(map.getCenter());
    setTarget({ lon, lat, site: null });
  };

  let element: ReactNode;
  if (state.stage === 'idle') {
    element = (
      <button ref={button} type="button" className="map-button report-button" onClick={() => start()} disabled={!map}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
          <path d="M12 2.5a7 7 0 00-7 7c0 5 7 12 7 12s7-7 7-12a7 7 0 00-7-7z" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M12 6.5v4.5M12 13.2v.3" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
        </svg>
        {t('concerns.report')}
      </button>
    );
  } else if (state.stage === 'pick') {
    element = (
      <PickBar
        map={map}
        target={state.target}
        onTarget={setTarget}
        onCentre={pinAtCentre}
        onNext={() => setState({ stage: 'form', target: state.target })}
        onCancel={cancel}
      />
    );
  } else {
    element = <ConcernForm target={state.target} onBack={() => setState({ stage: 'pick', target: state.target })} onClose={cancel} />;
  }
  return { picking: state.stage === 'pick', start, pickSite, element };
}
