/** The legend's lines for the concerns layer: heat discs at low zoom, open and closed concerns close up. */
import { useI18n } from '../i18n/i18n.js';
import { CONCERN_CLOSED_COLOR, CONCERN_OPEN_COLOR, HEAT_COLOR, POINTS_ZOOM } from './ConcernsLayer.js';

const Disc = ({ fill, stroke, r, opacity = 1 }: { fill: string; stroke?: string; r: number; opacity?: number }) => (
  <svg className="legend-symbol" aria-hidden="true" viewBox="0 0 28 28" width="28" height="28">
    <circle cx="14" cy="14" r={r} fill={fill} fillOpacity={opacity} stroke={stroke ?? 'none'} strokeWidth="2" />
  </svg>
);

/** Legend items (inside the legend's list). */
export function ConcernLegend() {
  const { t, num } = useI18n();
  return (
    <>
      <li>
        <Disc fill={HEAT_COLOR} r={11} opacity={0.5} />
        {t('concerns.legend.heat')}
      </li>
      <li>
        <Disc fill={CONCERN_OPEN_COLOR} stroke="#ffffff" r={7} />
        {t('concerns.legend.open', { zoom: num(POINTS_ZOOM) })}
      </li>
      <li>
        <Disc fill={CONCERN_CLOSED_COLOR} stroke="#ffffff" r={7} />
        {t('concerns.legend.closed')}
      </li>
    </>
  );
}
