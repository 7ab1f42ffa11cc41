/** Predicted exposure around a site as one canvas image on the map: the registry's antennas from the server
 *  (GET /api/exposure/grid) plus, while the request is undecided, the proposed antennas computed here with
 *  the same formulas (shared/exposure.ts; power ratios add, DOMAIN.md section 5). A legend explains the colours. */
import { useEffect, useState } from 'react';
import { ImageOverlay } from 'react-leaflet';
import L from 'leaflet';
import { destination } from '../../../shared/geodesy.js';
import { OBSERVER_HEIGHT_M, exposureRatioAt, packAntennas, type ExposureAntennaInput } from '../../../shared/exposure.js';
import { isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { toLatLng } from '../map/latlng.js';
import { requestsApi } from './requests-api.js';

/** Half the side of the square drawn around the site, and its cell size: 56 × 56 cells. */
const HALF_SIDE_M = 700;
const CELL_M = 25;

/** Colour bands by total exposure ratio (the share of the ICNIRP 2020 limit), lowest first. */
/** Colours match the legend's swatches (.band-0 … .band-4 in requests.css). */
export const EXPOSURE_BANDS: readonly { below: number; rgba: readonly [number, number, number, number] }[] = [
  { below: 0.001, rgba: [0, 0, 0, 0] },
  { below: 0.01, rgba: [254, 224, 139, 110] },
  { below: 0.1, rgba: [253, 174, 97, 150] },
  { below: 1, rgba: [244, 109, 67, 180] },
  { below: Infinity, rgba: [165, 0, 38, 210] },
];

function bandOf(ratio: number) {
  return EXPOSURE_BANDS.find((b) => ratio < b.below) ?? EXPOSURE_BANDS[EXPOSURE_BANDS.length - 1]!;
}

interface Grid {
  url: string;
  bounds: L.LatLngBounds;
  max: number;
}

/** The ratio grid as a PNG data URL, one pixel per cell (Leaflet stretches it; image-rendering keeps cells sharp). */
function paint(cols: number, rows: number, values: ArrayLike<number>): string {
  const canvas = document.createElement('canvas');
  canvas.width = cols;
  canvas.height = rows;
  const g = canvas.getContext('2d')!;
  const img = g.createImageData(cols, rows);
  for (let i = 0; i < cols * rows; i++) img.data.set(bandOf(values[i] ?? 0).rgba, i * 4);
  g.putImageData(img, 0, 0);
  return canvas.toDataURL('image/png');
}

interface Props {
  lon: number;
  lat: number;
  /** Antennas not yet in the registry, added to the server's grid. */
  proposed: readonly ExposureAntennaInput[];
  onMax?(max: number | null): void;
}

/** Loads the grid and draws it under the pin. */
export function ExposureOverlay({ lon, lat, proposed, onMax }: Props) {
  const [grid, setGrid] = useState<Grid | null>(null);
  const key = JSON.stringify(proposed);

  useEffect(() => {
    const ac = new AbortController();
    const [west] = destination(lon, lat, HALF_SIDE_M, 270);
    const [east] = destination(lon, lat, HALF_SIDE_M, 90);
    const [, north] = destination(lon, lat, HALF_SIDE_M, 0);
    const [, south] = destination(lon, lat, HALF_SIDE_M, 180);
    const bbox = [west, south, east, north].map((v) => v.toFixed(6)).join(',');
    requestsApi.exposureGrid(bbox, CELL_M, ac.signal).then(
      (g) => {
        const values = Float64Array.from(g.values);
        if (proposed.length > 0) {
          const packed = packAntennas(proposed);
          const [w, s, e, n] = g.bbox;
          const dLon = (e - w) / g.cols;
          const dLat = (n - s) / g.rows;
          for (let row = 0; row < g.rows; row++) {
            for (let col = 0; col < g.cols; col++) {
              // Row 0 is the northernmost; values are at cell centres.
              values[row * g.cols + col]! += exposureRatioAt(w + (col + 0.5) * dLon, n - (row + 0.5) * dLat, OBSERVER_HEIGHT_M, packed, null, packed.count);
            }
          }
        }
        let max = 0;
        for (const v of values) max = Math.max(max, v);
        const [w, s, e, n] = g.bbox;
        setGrid({ url: paint(g.cols, g.rows, values), bounds: L.latLngBounds(toLatLng([w, s]), toLatLng([e, n])), max });
        onMax?.(max);
      },
      (e: unknown) => {
        if (!isAbort(e)) {
          console.warn('exposure grid', e);
          onMax?.(null);
        }
      },
    );
    return () => ac.abort();
    // `key` stands for the proposed antennas' content.
  }, [lon, lat, key]);

  return grid ? <ImageOverlay url={grid.url} bounds={grid.bounds} className="exposure-image" opacity={1} /> : null;
}

/** The colour bands with their meaning. */
export function ExposureLegend({ max }: { max: number | null | undefined }) {
  const { t, num } = useI18n();
  const labels = ['requests.exposure.band0', 'requests.exposure.band1', 'requests.exposure.band2', 'requests.exposure.band3', 'requests.exposure.band4'] as const;
  return (
    <div className="exposure-legend">
      <p className="legend-title">{t('requests.exposure.legend')}</p>
      <ul>
        {EXPOSURE_BANDS.map((b, i) => (
          <li key={i}>
            <span className={`swatch band-${i}`} aria-hidden="true" />
            {t(labels[i]!)}
          </li>
        ))}
      </ul>
      {/* The server builds its exposure index on the first grid asked for: that one can take seconds. */}
      <p className="muted" role="status">
        {max === undefined ? t('requests.exposure.computing') : max === null ? t('requests.exposure.failed') : t('requests.exposure.max', { value: num(max * 100, 2) })}
      </p>
      <p className="note">{t('requests.exposure.note')}</p>
    </div>
  );
}
