/** Creates the overlay panes once per map, stacked as PANES says. */
import type L from 'leaflet';
import { PANES, paneId, type PaneName } from './overlay-styles.js';

/** The pane for `name`, created on first use. */
export function ensurePane(map: L.Map, name: PaneName): string {
  const id = paneId(name);
  if (!map.getPane(id)) {
    const pane = map.createPane(id);
    pane.style.zIndex = String(PANES[name]);
    // Overlays under the masts never take pointer events: taps go to the masts' canvas or the map.
    pane.style.pointerEvents = 'none';
  }
  return id;
}
