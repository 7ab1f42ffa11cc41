/** The bar shown while a resident places the concern's pin: what to do, where the pin is (a mast or a
 *  spot), "use my location", "pin at the map's centre" for keyboard users who pan with the arrow
 *  keys, and continue or cancel. */
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { toLonLat } from '../map/latlng.js';
import type { FilingTarget } from './use-concern-filing.js';

interface Props {
  map: L.Map | null;
  target: FilingTarget;
  onTarget(target: FilingTarget): void;
  onCentre(): void;
  onNext(): void;
  onCancel(): void;
}

/** The picking bar. */
export function PickBar({ map, target, onTarget, onCentre, onNext, onCancel }: Props) {
  const { t } = useI18n();
  const [message, setMessage] = useState<MessageKey | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  const useMyLocation = () => {
    if (!('geolocation' in navigator)) return setMessage('concerns.pick.locateFailed');
    setMessage('concerns.pick.locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const here = L.latLng(pos.coords.latitude, pos.coords.longitude);
        map?.setView(here, Math.max(map.getZoom(), 17));
        const [lon, lat] = toLonLat(here);
        onTarget({ lon, lat, site: null });
        setMessage('concerns.pick.located');
      },
      (err) => setMessage(err.code === err.PERMISSION_DENIED ? 'concerns.pick.locateDenied' : 'concerns.pick.locateFailed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  return (
    <section className="pick-bar" aria-labelledby="pick-bar-title" data-testid="concern-pick">
      <h2 id="pick-bar-title" ref={heading} tabIndex={-1}>
        {t('concerns.pick.title')}
      </h2>
      <p className="pick-help">{t('concerns.pick.help')}</p>
      <p className="pick-where" aria-live="polite">
        {target.site ? t('concerns.pick.chosenSite', { code: target.site.code }) : t('concerns.pick.place')}
      </p>
      {message ? (
        <p className="pick-message" role="status">
          {t(message)}
        </p>
      ) : null}
      <div className="pick-actions">
        <button type="button" className="button secondary" onClick={useMyLocation}>
          {t('concerns.pick.useLocation')}
        </button>
        <button type="button" className="button secondary" onClick={onCentre}>
          {t('concerns.pick.centre')}
        </button>
      </div>
      <div className="pick-actions">
        <button type="button" className="button" onClick={onNext} data-testid="concern-pick-next">
          {t('concerns.pick.next')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('concerns.pick.cancel')}
        </button>
      </div>
    </section>
  );
}
