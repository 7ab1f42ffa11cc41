/** The siting tools and layers of the public map, mounted inside the map: the "check a location" and "exposure
 *  here" buttons with their panels, and the exposure and density layers with their legends. Their controls are
 *  drawn beside the map (in its parent box), not inside Leaflet's container, so map gestures never reach them. */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useMap } from 'react-leaflet';
import { useI18n } from '../i18n/i18n.js';
import { CheckTool } from './CheckTool.js';
import { DensityLayer } from './DensityLayer.js';
import { ExposureLayer } from './ExposureLayer.js';
import { ExposureTool } from './ExposureTool.js';
import { useOperators } from './use-operators.js';
import './siting-map.css';
import './siting-panels.css';

type Mode = 'none' | 'check' | 'exposure';

interface Props {
  /** Whether the exposure layer is on (then a click on the map answers with the exposure there). */
  exposure: boolean;
  density: boolean;
  /** Told when the check tool takes the map's clicks (a mast clicked then is a place, not a panel to open). */
  onChecking(checking: boolean): void;
}

/** The tools, panels and legends. */
export function SitingMap({ exposure, density, onChecking }: Props) {
  const map = useMap();
  const { t } = useI18n();
  const { operators, operatorName } = useOperators();
  const [mode, setMode] = useState<Mode>('none');
  const checkButton = useRef<HTMLButtonElement>(null);
  const host = map.getContainer().parentElement;

  useEffect(() => onChecking(mode === 'check'), [mode, onChecking]);
  useEffect(() => () => onChecking(false), [onChecking]);

  const toggle = (m: Mode) => setMode((old) => (old === m ? 'none' : m));
  const closeCheck = () => {
    setMode('none');
    checkButton.current?.focus();
  };
  const exposureClicks = mode === 'exposure' || (exposure && mode !== 'check');
  if (!host) return null;

  return createPortal(
    <>
      <div className="siting-toolbar" role="group" aria-label={t('siting.tools')}>
        <button ref={checkButton} type="button" className="map-button" aria-pressed={mode === 'check'} onClick={() => toggle('check')} data-testid="check-toggle">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
            <path d="M12 3l-4.5 17h2.2l1-4h2.6l1 4h2.2L12 3zm-.8 10l.8-3.4.8 3.4h-1.6z" fill="currentColor" />
            <path d="M5.5 6.5a8 8 0 000 9M18.5 6.5a8 8 0 010 9" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          <span className="map-button-text">{t('siting.check.toggle')}</span>
        </button>
        <button type="button" className="map-button" aria-pressed={exposureClicks} onClick={() => toggle('exposure')} data-testid="exposure-toggle" disabled={exposure && mode !== 'check'}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
            <circle cx="12" cy="12" r="2.5" fill="currentColor" />
            <path d="M7.5 7.5a6.4 6.4 0 000 9M16.5 7.5a6.4 6.4 0 010 9M4.6 4.6a10.5 10.5 0 000 14.8M19.4 4.6a10.5 10.5 0 010 14.8" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          <span className="map-button-text">{t('siting.here.toggle')}</span>
        </button>
      </div>
      {exposure || density ? (
        <div className="siting-legends">
          {exposure ? <ExposureLayer /> : null}
          {density ? <DensityLayer /> : null}
        </div>
      ) : null}
      {mode === 'check' ? <CheckTool map={map} operators={operators} operatorName={operatorName} onClose={closeCheck} /> : null}
      {exposureClicks ? <ExposureTool map={map} operatorName={operatorName} startAtCentre={mode === 'exposure'} /> : null}
    </>,
    host,
  );
}
