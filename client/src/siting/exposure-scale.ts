/** The colour scale of predicted exposure: five classes of the total exposure ratio (the sum of each antenna's
 *  power density over its ICNIRP 2020 reference level, DOMAIN.md section 5) on a log scale, one decade each, and
 *  the grid painted as an image with one pixel per cell. Colours: ColorBrewer RdPu, darkest above the limit. */

/** Upper bounds of the first four classes; the last is above the limit (a ratio of exactly 1 complies). */
export const EXPOSURE_BREAKS = [0.001, 0.01, 0.1, 1] as const;

/** RGBA per class; below 0.001 nothing is drawn, so the map reads through. */
export const EXPOSURE_RGBA: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 0, 0],
  [251, 180, 185, 85],
  [247, 104, 161, 160],
  [197, 27, 138, 190],
  [73, 0, 106, 225],
];

/** The class of a ratio: 0 below 0.001 … 4 above 1. */
export function exposureClass(ratio: number): number {
  for (let i = 0; i < EXPOSURE_BREAKS.length - 1; i++) if (ratio < EXPOSURE_BREAKS[i]!) return i;
  return ratio <= 1 ? 3 : 4;
}

/** A grid of ratios (row-major, row 0 northernmost) as a PNG data URL, one pixel per cell: the CSP allows data:
 *  images, and Leaflet stretches one image over the grid's box (CSS keeps the cells sharp). */
export function paintExposureGrid(cols: number, rows: number, values: ArrayLike<number>): string {
  const canvas = document.createElement('canvas');
  canvas.width = cols;
  canvas.height = rows;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  const img = g.createImageData(cols, rows);
  const n = cols * rows;
  for (let i = 0; i < n; i++) img.data.set(EXPOSURE_RGBA[exposureClass(values[i] ?? 0)]!, i * 4);
  g.putImageData(img, 0, 0);
  return canvas.toDataURL('image/png');
}

/** Cell size for a zoom level: 25 m from zoom 16 (a cell is about 14 px there), doubling per zoom level out, so a
 *  screen holds about the same number of cells at any zoom. The server grows it further if its caps need. */
export function exposureCellM(zoom: number): number {
  return zoom >= 16 ? 25 : 25 * 2 ** (16 - Math.round(zoom));
}

/** Below this zoom the view spans too much country for a grid worth drawing. */
export const EXPOSURE_MIN_ZOOM = 10;
