/** Concerns counted in square Web Mercator cells of a fixed on-screen size, for a heat layer at low zoom
 *  (the supercluster habit: the client sends {bbox, zoom} and redraws one layer). */

/** Cell edge in screen pixels at the requested zoom. */
export const HEAT_CELL_PX = 32;

export interface HeatCell {
  /** Weighted centre of the concerns in the cell. */
  lon: number;
  lat: number;
  count: number;
  /** Concerns plus their supporters: a concern with 4 "me too" weighs 5. */
  weight: number;
}

/** Aggregates [lon, lat, supporters] points into cells of HEAT_CELL_PX at `zoom` (256-px tiles, EPSG:3857). */
export function heatCells(points: ReadonlyArray<readonly [number, number, number]>, zoom: number): HeatCell[] {
  const cellsPerWorld = (256 * 2 ** Math.floor(zoom)) / HEAT_CELL_PX;
  const cells = new Map<string, { sx: number; sy: number; count: number; weight: number }>();
  for (const [lon, lat, supporters] of points) {
    const x = (lon + 180) / 360;
    const sin = Math.sin((lat * Math.PI) / 180);
    const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
    const cx = Math.min(cellsPerWorld - 1, Math.max(0, Math.floor(x * cellsPerWorld)));
    const cy = Math.min(cellsPerWorld - 1, Math.max(0, Math.floor(y * cellsPerWorld)));
    const key = `${cx}:${cy}`;
    const w = 1 + supporters;
    const c = cells.get(key) ?? { sx: 0, sy: 0, count: 0, weight: 0 };
    c.sx += lon * w;
    c.sy += lat * w;
    c.count += 1;
    c.weight += w;
    cells.set(key, c);
  }
  return [...cells.values()].map((c) => ({ lon: c.sx / c.weight, lat: c.sy / c.weight, count: c.count, weight: c.weight }));
}
