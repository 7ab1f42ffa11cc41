/** Colours and panes of the overlays under the masts, shared by the layers and the legend. */
import type { ZoneKind } from '../../../shared/model.js';

/** Panes bottom to top (tiles are at 200, masts at 450). */
export const PANES = { boundaries: 250, zones: 300, airport: 320, places: 420, labels: 440 } as const;
export type PaneName = keyof typeof PANES;
export const paneId = (name: PaneName): string => `dakal-${name}`;

export const BOUNDARY_COLOR = '#5b6670';
export const PLACE_COLOR = '#007a5a';
export const AIRPORT_COLOR = '#6a3d9a';

/** Outline and fill of each kind of zone. */
export const ZONE_STYLE: Record<ZoneKind, { color: string; fillOpacity: number; dashArray?: string; weight: number }> = {
  district: { color: '#37424a', fillOpacity: 0, weight: 1.5 },
  no_build: { color: '#b3261e', fillOpacity: 0.15, weight: 1.5 },
  stealth_required: { color: '#1f5fbf', fillOpacity: 0.1, dashArray: '6 4', weight: 1.5 },
  heritage: { color: '#8a5a00', fillOpacity: 0.12, weight: 1.5 },
};
