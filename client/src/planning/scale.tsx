/** The sequential colour scale of the density maps (ColorBrewer YlOrRd, 5 classes: readable in print and under the
 *  common colour-vision deficiencies) with fixed breaks around the policy's 20 structures/km² warning, and its legend. */
import { useI18n } from '../i18n/i18n.js';

export const SCALE_COLORS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/** Upper bounds of the first four classes: 20 per km² is the policy's density warning (data/policy/karaj.json). */
export const DENSITY_BREAKS = [5, 10, 20, 40] as const;

/** The colour of a value among classes bounded by `breaks`. */
export function classColor(value: number, breaks: readonly number[] = DENSITY_BREAKS): string {
  const i = breaks.findIndex((b) => value < b);
  return SCALE_COLORS[i < 0 ? SCALE_COLORS.length - 1 : i]!;
}

/** A small square of colour (an SVG fill: the CSP allows no inline style attributes in markup). */
export function Swatch({ color, shape = 'square' }: { color: string; shape?: 'square' | 'dot' | 'ring' }) {
  return (
    <svg className="plan-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      {shape === 'square' ? <rect x="1" y="1" width="14" height="14" fill={color} stroke="#6b6b6b" strokeWidth="0.8" /> : null}
      {shape === 'dot' ? <circle cx="8" cy="8" r="6" fill={color} stroke="#1b1f23" strokeWidth="1.2" /> : null}
      {shape === 'ring' ? <circle cx="8" cy="8" r="5.5" fill="#fff" stroke={color} strokeWidth="2.5" /> : null}
    </svg>
  );
}

/** The legend of a class scale: a swatch and a range per class. */
export function ScaleLegend({ title, breaks = DENSITY_BREAKS }: { title: string; breaks?: readonly number[] }) {
  const { num } = useI18n();
  const ranges = SCALE_COLORS.map((c, i) => {
    const lo = i === 0 ? 0 : breaks[i - 1]!;
    const hi = breaks[i];
    return { c, text: hi === undefined ? `≥ ${num(lo)}` : `${num(lo)}–${num(hi)}` };
  });
  return (
    <div className="plan-scale-legend">
      <p className="plan-scale-legend-title">{title}</p>
      <ul>
        {ranges.map((r) => (
          <li key={r.c}>
            <Swatch color={r.c} />
            {r.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
