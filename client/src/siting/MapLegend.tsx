/** A legend box over the map that folds to its title: open by default on a wide screen, folded on a phone where
 *  the map is small (a <details> element: keyboard and screen readers know how to open it). */
import { useState, type ReactNode } from 'react';

/** Folded by default below this width (the phone layout of map.css). */
const NARROW = '(max-width: 767px)';

interface Props {
  id: string;
  title: string;
  className?: string;
  testId?: string;
  busy?: boolean;
  children: ReactNode;
}

/** The box. */
export function MapLegend({ id, title, className = '', testId, busy = false, children }: Props) {
  const [open] = useState(() => !window.matchMedia(NARROW).matches);
  return (
    <details className={`map-legend ${className}`} open={open} data-testid={testId} aria-busy={busy} aria-labelledby={`${id}-title`}>
      <summary id={`${id}-title`}>{title}</summary>
      {children}
    </details>
  );
}
