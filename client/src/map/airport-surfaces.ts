/** Outlines of Payam airport's (OIIP) horizontal obstacle limitation surfaces for drawing:
 *  the runway strip and the rings at a fixed distance D from it (DOMAIN.md section 6). */
import { bearingDeg, destination } from '../../../shared/geodesy.js';

/** Runway 12/30 thresholds, [lon, lat] (OurAirports, public domain). */
export const OIIP_THRESHOLDS: readonly [readonly [number, number], readonly [number, number]] = [
  [50.810902, 35.786098],
  [50.8428990, 35.7658],
];
/** The strip runs 60 m beyond each threshold (DOMAIN.md section 6). */
export const STRIP_EXTENSION_M = 60;
/** Inner horizontal surface radius and the conical surface's outer edge, metres from the strip. */
export const INNER_HORIZONTAL_M = 4000;
export const CONICAL_OUTER_M = 6000;

/** The strip's centre line, threshold to threshold extended 60 m at both ends, [lon, lat]. */
export function runwayStrip(thresholds = OIIP_THRESHOLDS, extensionM = STRIP_EXTENSION_M): [[number, number], [number, number]] {
  const [a, b] = thresholds;
  const ab = bearingDeg(a[0], a[1], b[0], b[1]);
  const ba = bearingDeg(b[0], b[1], a[0], a[1]);
  return [destination(a[0], a[1], extensionM, ba), destination(b[0], b[1], extensionM, ab)];
}

/** The closed ring of points at `distanceM` from a segment (a "stadium": two half circles joined by
 *  straight sides), [lon, lat], `steps` points per half circle. Good to well under a metre for a few km. */
export function stadiumRing(segment: readonly [readonly [number, number], readonly [number, number]], distanceM: number, steps = 48): [number, number][] {
  const [a, b] = segment;
  const ab = bearingDeg(a[0], a[1], b[0], b[1]);
  const ba = bearingDeg(b[0], b[1], a[0], a[1]);
  const ring: [number, number][] = [];
  // Half circle around b from its left side to its right side through the far end, then around a.
  for (let i = 0; i <= steps; i++) ring.push(destination(b[0], b[1], distanceM, ab - 90 + (180 * i) / steps));
  for (let i = 0; i <= steps; i++) ring.push(destination(a[0], a[1], distanceM, ba - 90 + (180 * i) / steps));
  ring.push(ring[0]!);
  return ring;
}
