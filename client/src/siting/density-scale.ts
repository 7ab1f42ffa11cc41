/** The colour scale of structure density (ColorBrewer YlOrBr, 5 classes: readable in print and under the common
 *  colour-vision deficiencies), with breaks at ¼, ½, 1 and 2 times the policy's limit (20/km² by default, so
 *  5, 10, 20, 40): the third class ends exactly where the density rule starts to warn. */

export const DENSITY_COLORS = ['#ffffd4', '#fed98e', '#fe9929', '#d95f0e', '#993404'] as const;

/** Upper bounds of the first four classes for a policy limit. */
export function densityBreaks(limitPerKm2: number): number[] {
  return [0.25, 0.5, 1, 2].map((k) => k * limitPerKm2);
}

/** The colour of a density; a value equal to the limit is within it (the rule warns above it). */
export function densityColor(perKm2: number, breaks: readonly number[]): string {
  const i = breaks.findIndex((b, k) => (k === 2 ? perKm2 <= b : perKm2 < b));
  return DENSITY_COLORS[i < 0 ? DENSITY_COLORS.length - 1 : i]!;
}

/** Below this zoom the view touches more cells than the server counts in one answer (MAX_DENSITY_CELLS). */
export const DENSITY_MIN_ZOOM = 9;
