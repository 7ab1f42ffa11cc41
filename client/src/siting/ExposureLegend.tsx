/** The legend of the exposure layer: the five classes of the total exposure ratio, what the limit is, how fine the
 *  grid is, whether it is loading, and that it is a prediction. */
import { useId } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { EXPOSURE_BREAKS } from './exposure-scale.js';
import { MapLegend } from './MapLegend.js';
import { useSitingFormat } from './format.js';

interface Props {
  loading: boolean;
  error: string | null;
  zoomedOut: boolean;
  cellM: number | null;
  max: number | null;
}

/** The legend box. */
export function ExposureLegend({ loading, error, zoomedOut, cellM, max }: Props) {
  const { t, num } = useI18n();
  const f = useSitingFormat();
  const id = useId();
  const [a, b, c, d] = EXPOSURE_BREAKS.map((x) => f.sig(x));
  const labels = [
    t('siting.exposure.below', { value: a! }),
    t('siting.exposure.range', { from: a!, to: b! }),
    t('siting.exposure.range', { from: b!, to: c! }),
    t('siting.exposure.range', { from: c!, to: d! }),
    t('siting.exposure.above', { value: d! }),
  ];
  let state: string;
  if (error) state = t('siting.exposure.error', { message: error });
  else if (zoomedOut) state = t('siting.exposure.zoomIn');
  else if (loading) state = t('siting.exposure.loading');
  else if (cellM !== null && max !== null) state = t('siting.exposure.cells', { cell: num(cellM), max: f.sig(max) });
  else state = '';
  return (
    <MapLegend id={id} title={t('siting.exposure.title')} className="exposure-legend" testId="exposure-legend" busy={loading}>
      <p className="map-legend-sub">{t('siting.exposure.scale')}</p>
      <ul className="map-legend-classes">
        {labels.map((label, i) => (
          <li key={i}>
            <span className={`swatch exposure-class-${i}`} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      <p className={`map-legend-state${loading ? ' loading' : ''}${error ? ' error' : ''}`} role="status" data-testid="exposure-state" data-cell-m={cellM ?? ''}>
        {state}
      </p>
      <p className="map-legend-note">{t('siting.exposure.note')}</p>
    </MapLegend>
  );
}
