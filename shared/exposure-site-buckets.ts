/** A uniform bucket grid over the exposure grid's sites, so a tile asks only the buckets within the cutoff of it:
 *  pure and built per call in a few milliseconds, so a worker thread needs nothing but the sites. */
import { EARTH_RADIUS_M } from './geodesy.js';
import { S_LAT_RAD, S_LON_RAD, SITE_STRIDE } from './exposure-kernel.js';
import type { SitesNear } from './exposure-far-field.js';

/** `near` over the sites (SITE_STRIDE numbers each): every site within reachM of a box, and some a little farther. */
export function siteBuckets(sites: Float64Array, reachM: number): SitesNear {
  const count = sites.length / SITE_STRIDE;
  const reach = reachM / EARTH_RADIUS_M;
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let o = 0; o < sites.length; o += SITE_STRIDE) {
    [minLon, maxLon] = [Math.min(minLon, sites[o + S_LON_RAD]!), Math.max(maxLon, sites[o + S_LON_RAD]!)];
    [minLat, maxLat] = [Math.min(minLat, sites[o + S_LAT_RAD]!), Math.max(maxLat, sites[o + S_LAT_RAD]!)];
  }
  // Buckets of about a quarter of the reach, at most 1024 a side.
  const size = Math.max(Math.min(reach, 1) / 4, (maxLon - minLon) / 1024, (maxLat - minLat) / 1024, 1e-9);
  const nx = count ? Math.floor((maxLon - minLon) / size) + 1 : 0;
  const ny = count ? Math.floor((maxLat - minLat) / size) + 1 : 0;
  const bucketOf = (o: number) => Math.floor((sites[o + S_LAT_RAD]! - minLat) / size) * nx + Math.floor((sites[o + S_LON_RAD]! - minLon) / size);
  const start = new Int32Array(nx * ny + 1);
  for (let o = 0; o < sites.length; o += SITE_STRIDE) start[bucketOf(o) + 1]!++;
  for (let b = 0; b < nx * ny; b++) start[b + 1]! += start[b]!;
  const order = new Int32Array(count);
  const next = start.slice(0, nx * ny);
  for (let i = 0; i < count; i++) order[next[bucketOf(i * SITE_STRIDE)]!++] = i;
  return (west, south, east, north, out) => {
    const s = south - reach;
    const n = north + reach;
    const reachLon = reach / Math.cos(Math.min(Math.max(Math.abs(s), Math.abs(n)), Math.PI / 2 - 1e-6));
    const x0 = Math.max(0, Math.floor((west - reachLon - minLon) / size));
    const x1 = Math.min(nx - 1, Math.floor((east + reachLon - minLon) / size));
    const y0 = Math.max(0, Math.floor((s - minLat) / size));
    const y1 = Math.min(ny - 1, Math.floor((n - minLat) / size));
    let k = 0;
    for (let y = y0; y <= y1; y++) for (let j = start[y * nx + x0]!; x0 <= x1 && j < start[y * nx + x1 + 1]!; j++) out[k++] = order[j]!;
    return k;
  };
}
