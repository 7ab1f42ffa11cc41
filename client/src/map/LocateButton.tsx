/** "My location": asks the browser for the position, flies there and marks it; a refusal or a
 *  failure is said in words and leaves the map as it was. */
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';

interface Props {
  map: L.Map | null;
  onStatus(message: string): void;
}

/** The "my location" button. */
export function LocateButton({ map, onStatus }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const marker = useRef<L.Marker | null>(null);

  useEffect(() => () => void marker.current?.remove(), []);

  const locate = () => {
    if (!map) return;
    const say = (key: MessageKey) => onStatus(t(key));
    if (!('geolocation' in navigator)) return say('map.locateUnavailable');
    setBusy(true);
    say('map.locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy(false);
        const here = L.latLng(pos.coords.latitude, pos.coords.longitude);
        marker.current?.remove();
        marker.current = L.marker(here, { title: t('map.youAreHere'), alt: t('map.youAreHere'), keyboard: false }).addTo(map);
        map.flyTo(here, Math.max(map.getZoom(), 16));
        say('map.locateFound');
      },
      (err) => {
        setBusy(false);
        say(err.code === err.PERMISSION_DENIED ? 'map.locateDenied' : 'map.locateUnavailable');
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <button type="button" className="map-button locate-button" onClick={locate} aria-busy={busy} disabled={!map}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
        <circle cx="12" cy="12" r="4" fill="currentColor" />
        <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M12 1v4M12 19v4M1 12h4M19 12h4" stroke="currentColor" strokeWidth="2" />
      </svg>
      <span className="map-button-text">{t('map.locate')}</span>
    </button>
  );
}
