/** A static map drawn as SVG for the printed report (prints sharply, needs no tiles): polygons, lines and dots
 *  projected equirectangularly around the middle latitude (a district is a few km across, so the shapes stay true). */
import type { ReactNode } from 'react';

export interface SvgPolygon {
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  fill: string;
  /** Fill opacity (a single district filled in full would hide what is drawn on it). */
  opacity?: number;
  stroke?: string;
  label?: string;
}
export interface SvgLine {
  from: readonly number[];
  to: readonly number[];
  color: string;
}
export interface SvgDot {
  at: readonly number[];
  color: string;
  ring?: boolean;
  r?: number;
}

interface Props {
  title: string;
  polygons: readonly SvgPolygon[];
  lines?: readonly SvgLine[];
  dots?: readonly SvgDot[];
  children?: ReactNode;
}

const W = 800;
const PAD = 10;

const ringsOf = (g: SvgPolygon['geometry']) => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

/** The map, framed on its polygons. */
export function SvgMap({ title, polygons, lines = [], dots = [], children }: Props) {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygons) for (const ring of ringsOf(p.geometry)) for (const [x, y] of ring as number[][]) {
    w = Math.min(w, x!); e = Math.max(e, x!); s = Math.min(s, y!); n = Math.max(n, y!);
  }
  if (w === Infinity) return null;
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const scale = (W - 2 * PAD) / Math.max((e - w) * k, 1e-9);
  const h = Math.ceil((n - s) * scale + 2 * PAD);
  const px = (p: readonly number[]): [number, number] => [PAD + (p[0]! - w) * k * scale, PAD + (n - p[1]!) * scale];
  const path = (g: SvgPolygon['geometry']) =>
    ringsOf(g).map((ring) => (ring as number[][]).map((p, i) => `${i ? 'L' : 'M'}${px(p).map((v) => v.toFixed(1)).join(' ')}`).join('') + 'Z').join('');
  return (
    <svg className="plan-svg-map" viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-label={title}>
      <title>{title}</title>
      {polygons.map((p, i) => (
        <path key={i} d={path(p.geometry)} fill={p.fill} fillOpacity={p.opacity ?? 1} fillRule="evenodd" stroke={p.stroke ?? '#37424a'} strokeWidth={1.2} />
      ))}
      {lines.map((l, i) => {
        const [x1, y1] = px(l.from);
        const [x2, y2] = px(l.to);
        return <line key={i} x1={x1} y1={y1} x2={x2} y2={y2} stroke={l.color} strokeWidth={2} />;
      })}
      {dots.map((d, i) => {
        const [cx, cy] = px(d.at);
        return <circle key={i} cx={cx} cy={cy} r={d.r ?? 3} fill={d.ring ? '#fff' : d.color} stroke={d.ring ? d.color : '#1b1f23'} strokeWidth={d.ring ? 2 : 0.8} />;
      })}
      {polygons.map((p, i) => {
        if (!p.label) return null;
        const rings = ringsOf(p.geometry)[0] as number[][];
        const xs = rings.map((q) => px(q));
        const cx = xs.reduce((a, q) => a + q[0], 0) / xs.length;
        const cy = xs.reduce((a, q) => a + q[1], 0) / xs.length;
        return <text key={`l${i}`} x={cx} y={cy} textAnchor="middle" className="plan-svg-map-label">{p.label}</text>;
      })}
      {children}
    </svg>
  );
}
