/** Charts drawn as plain SVG (no chart library): horizontal bars that grow from the reading side, so they read the
 *  same way in right-to-left Persian and left-to-right English; numbers in the language's digits. */
import { useI18n } from '../i18n/i18n.js';

export interface Bar {
  key: string;
  label: string;
  value: number;
  color?: string;
}

interface Props {
  title: string;
  bars: readonly Bar[];
  /** How a value is written at the end of its bar (default: a whole number). */
  format?: (value: number) => string;
  /** A value to mark with a dashed line (a policy limit), and its label. */
  mark?: { value: number; label: string };
}

const W = 470;
const ROW = 28;
const LABEL_W = 178;
const VALUE_W = 56;

/** A horizontal bar chart in a figure with its title as caption; the bars are also read out as a list. */
export function BarChart({ title, bars, format, mark }: Props) {
  const { dir, num } = useI18n();
  const rtl = dir === 'rtl';
  const fmt = format ?? ((v: number) => num(v));
  const max = Math.max(1e-9, mark?.value ?? 0, ...bars.map((b) => b.value));
  const span = W - LABEL_W - VALUE_W - 8;
  const h = bars.length * ROW + (mark ? 18 : 4);
  // x measured from the reading side: 0 is the right edge in Persian, the left edge in English.
  const x = (fromStart: number) => (rtl ? W - fromStart : fromStart);
  const barStart = LABEL_W + 4;
  const summary = bars.map((b) => `${b.label}: ${fmt(b.value)}`).join('، ');
  return (
    <figure className="plan-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} width={W} height={h} role="img" aria-label={`${title}. ${summary}`} direction={dir}>
        {bars.map((b, i) => {
          const len = (b.value / max) * span;
          const y = i * ROW;
          return (
            <g key={b.key}>
              <text x={x(4)} y={y + ROW / 2 + 5} textAnchor="start" direction={dir} className="plan-chart-label">
                {b.label}
              </text>
              <rect x={rtl ? x(barStart) - len : x(barStart)} y={y + 4} width={Math.max(len, b.value > 0 ? 1.5 : 0)} height={ROW - 8} rx={3} fill={b.color ?? 'var(--brand)'} />
              <text x={x(barStart + len + 6)} y={y + ROW / 2 + 5} textAnchor="start" direction={dir} className="plan-chart-value">
                {fmt(b.value)}
              </text>
            </g>
          );
        })}
        {mark ? (
          <g className="plan-chart-mark">
            <line x1={x(barStart + (mark.value / max) * span)} x2={x(barStart + (mark.value / max) * span)} y1={0} y2={bars.length * ROW} strokeDasharray="4 3" />
            <text x={x(barStart + (mark.value / max) * span)} y={bars.length * ROW + 14} textAnchor="middle">
              {mark.label}
            </text>
          </g>
        ) : null}
      </svg>
    </figure>
  );
}

/** Bars from a `{key: count}` record, largest first, labelled by `label`. */
export function barsOf(counts: Readonly<Record<string, number>>, label: (key: string) => string, color?: (key: string) => string | undefined): Bar[] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([key, value]) => ({ key, label: label(key), value, color: color?.(key) }));
}
