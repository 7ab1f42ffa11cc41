/** Keeps a point of the map out from under a panel drawn over it: a bottom sheet on a phone, a side card on a
 *  wide screen. The map pans only when the point is covered. */
import type L from 'leaflet';

/** Room left between the point and the panel's edge, in pixels. */
const MARGIN_PX = 40;

/** Pans `map` so `at` is not under `panel` (an element over the map's container). */
export function keepClearOf(map: L.Map, at: L.LatLng, panel: HTMLElement): void {
  const box = map.getContainer().getBoundingClientRect();
  const sheet = panel.getBoundingClientRect();
  const p = map.latLngToContainerPoint(at);
  const x = p.x + box.left;
  const y = p.y + box.top;
  const covered = x > sheet.left - MARGIN_PX && x < sheet.right + MARGIN_PX && y > sheet.top - MARGIN_PX && y < sheet.bottom + MARGIN_PX;
  if (!covered) return;
  if (sheet.width >= box.width * 0.8) {
    // A sheet across the bottom: the point goes to the middle of the part above it.
    const free = sheet.top - box.top;
    if (free > 2 * MARGIN_PX) map.panBy([0, p.y - free / 2]);
    return;
  }
  // A card at one side: the point goes to the middle of the other side.
  const leftFree = sheet.left - box.left;
  const rightFree = box.right - sheet.right;
  const targetX = leftFree > rightFree ? leftFree / 2 : sheet.right - box.left + rightFree / 2;
  map.panBy([p.x - targetX, 0]);
}
