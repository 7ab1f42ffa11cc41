/** Overlay switches and the legend that explains every symbol on the map. */
import { useId } from 'react';
import type { Operator } from '../../../shared/model.js';
import { ConcernLegend } from '../concerns/ConcernLegend.js';
import { ProposalLegend } from '../requests/ProposalLegend.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { AIRPORT_COLOR, BOUNDARY_COLOR, PLACE_COLOR, ZONE_STYLE } from './overlay-styles.js';
import { CLUSTER_COLOR, UNPERMITTED_COLOR } from './site-canvas-layer.js';
import { OVERLAYS, type OverlayId } from './view-state.js';

interface Props {
  overlays: readonly OverlayId[];
  operators: readonly Operator[];
  onChange(overlays: OverlayId[]): void;
}

const LABEL: Record<OverlayId, MessageKey> = { boundaries: 'layers.boundaries', zones: 'layers.zones', places: 'layers.places', airport: 'layers.airport', concerns: 'concerns.layer.title', proposals: 'proposal.layer', exposure: 'siting.layer.exposure', density: 'siting.layer.density' };

/** A 24 px symbol drawn like the map draws it. */
function Dot({ fill, stroke, width = 1, dash, r = 6, ring = false }: { fill: string; stroke: string; width?: number; dash?: string; r?: number; ring?: boolean }) {
  return (
    <svg className="legend-symbol" aria-hidden="true" viewBox="0 0 28 28" width="28" height="28">
      {ring ? <circle cx="14" cy="14" r={r + 2.5} fill="none" stroke="#1a1a1a" strokeWidth="1.5" /> : null}
      <circle cx="14" cy="14" r={r} fill={fill} stroke={stroke} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

function Line({ color, width = 2, dash, fill }: { color: string; width?: number; dash?: string; fill?: string }) {
  return (
    <svg className="legend-symbol" aria-hidden="true" viewBox="0 0 28 28" width="28" height="28">
      <rect x="3" y="7" width="22" height="14" fill={fill ?? 'none'} fillOpacity={fill ? 0.25 : 0} stroke={color} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

/** Overlay checkboxes and the legend. */
export function LayerPanel({ overlays, operators, onChange }: Props) {
  const { t, name } = useI18n();
  const id = useId();
  const toggle = (o: OverlayId, on: boolean) => onChange(OVERLAYS.filter((x) => (x === o ? on : overlays.includes(x))));
  const has = (o: OverlayId) => overlays.includes(o);

  return (
    <section className="panel-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">{t('layers.title')}</h2>
      <ul className="toggles">
        {OVERLAYS.map((o) => (
          <li key={o}>
            <label className="toggle">
              <input type="checkbox" name={`layer-${o}`} checked={has(o)} onChange={(e) => toggle(o, e.target.checked)} />
              {t(LABEL[o])}
            </label>
          </li>
        ))}
      </ul>
      <h3 className="legend-title">{t('legend.title')}</h3>
      <ul className="legend">
        <li className="legend-note">{t('legend.operators')}</li>
        {operators.map((o) => (
          <li key={o.id}>
            <Dot fill={o.color} stroke="#1a1a1a" />
            {name(o)}
          </li>
        ))}
        <li>
          <Dot fill={operators[0]?.color ?? '#777'} stroke="#ffffff" width={3} r={8} ring />
          {t('legend.shared')}
        </li>
        <li>
          <Dot fill={operators[0]?.color ?? '#777'} stroke={UNPERMITTED_COLOR} width={2.5} dash="4 3" />
          {t('legend.unpermitted')}
        </li>
        <li>
          <Dot fill={CLUSTER_COLOR} stroke="#ffffff" width={2} r={11} />
          {t('legend.cluster')}
        </li>
        {has('zones') ? (
          <>
            <li>
              <Line color={ZONE_STYLE.district.color} />
              {t('legend.district')}
            </li>
            {(['no_build', 'stealth_required', 'heritage'] as const).map((k) => (
              <li key={k}>
                <Line color={ZONE_STYLE[k].color} dash={ZONE_STYLE[k].dashArray} fill={ZONE_STYLE[k].color} />
                {t(`zone.${k}`)}
              </li>
            ))}
          </>
        ) : null}
        {has('places') ? (
          <li>
            <Dot fill={PLACE_COLOR} stroke="#ffffff" width={1.5} r={5} />
            {t('legend.place')}
          </li>
        ) : null}
        {has('airport') ? (
          <>
            <li>
              <Line color={AIRPORT_COLOR} width={4} />
              {t('legend.runway')}
            </li>
            <li>
              <Line color={AIRPORT_COLOR} dash="6 4" />
              {t('legend.innerHorizontal')}
            </li>
            <li>
              <Line color={AIRPORT_COLOR} dash="2 4" />
              {t('legend.conical')}
            </li>
          </>
        ) : null}
        {has('concerns') ? <ConcernLegend /> : null}
        {has('proposals') ? <ProposalLegend /> : null}
        {has('boundaries') ? (
          <li>
            <Line color={BOUNDARY_COLOR} dash="6 3" />
            {t('legend.boundary')}
          </li>
        ) : null}
      </ul>
      <p className="muted">{t('legend.offline')}</p>
    </section>
  );
}
