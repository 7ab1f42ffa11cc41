/** Proposed sites on the public map (GET /api/proposals?bbox=): one marker each, in consultation or under
 *  review, focusable and opening the proposal's public page. Few at a time, so plain markers suffice. */
import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { useI18n } from '../i18n/i18n.js';
import { toLatLng } from '../map/latlng.js';
import { useViewData } from '../map/use-view-data.js';
import { navigate } from '../router.js';
import { statusKey } from './format.js';
import { requestsApi, type ProposalPointProps } from './requests-api.js';
import { useOperatorName } from './use-operators.js';

/** Above the masts (450) and their labels (460): a canvas takes every tap over its area. */
const PANE = 'dakal-proposals';
export const PROPOSAL_COLOR = '#7a3e00';

const load = (bbox: string, signal: AbortSignal) => requestsApi.proposals(bbox, signal);

function icon(p: ProposalPointProps): L.DivIcon {
  const mark = document.createElement('span');
  mark.className = `proposal-mark${p.status === 'consultation' ? ' open' : ''}`;
  // A 44 px box around the mark: the touch target, invisible.
  return L.divIcon({ className: 'proposal-point', html: mark, iconSize: [44, 44], iconAnchor: [22, 22] });
}

/** Draws the proposals of the view. */
export function ProposalsLayer({ bbox }: { bbox: string | null }) {
  const map = useMap();
  const { t, num } = useI18n();
  const operatorName = useOperatorName();
  const data = useViewData(load, bbox);
  const [group] = useState(() => L.layerGroup());

  useEffect(() => {
    if (!map.getPane(PANE)) map.createPane(PANE).style.zIndex = '475';
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);

  useEffect(() => {
    group.clearLayers();
    for (const f of data?.features ?? []) {
      const p = f.properties;
      const title = t('proposal.markerTitle', {
        operator: operatorName(p.operator_id),
        height: p.height_m === null ? '–' : num(p.height_m),
        status: t(statusKey(p.status)),
      });
      const m = L.marker(toLatLng(f.geometry.coordinates), { pane: PANE, icon: icon(p), title, alt: title, keyboard: true, riseOnHover: true });
      m.on('click', () => navigate(`/proposals/${p.id}`));
      m.on('add', () => {
        const el = m.getElement();
        el?.setAttribute('role', 'link');
        el?.setAttribute('aria-label', title);
        el?.setAttribute('data-proposal-id', String(p.id));
      });
      group.addLayer(m);
    }
  }, [group, data, t, num, operatorName]);

  return null;
}
