/** The map pin drawn by the concern form, the location check and the request form: one shape, a glyph inside. */
import L from 'leaflet';

const SVG = 'http://www.w3.org/2000/svg';
const BODY = 'M16 1C7.7 1 1 7.6 1 15.8 1 27 16 43 16 43s15-16 15-27.2C31 7.6 24.3 1 16 1z';
/** A small mast: a tapering tower with a cross bar. */
const MAST = 'M16 7l-4.5 17h2.2l1-4h2.6l1 4h2.2L16 7zm-.8 10l.8-3.4.8 3.4h-1.6z';

/** A 32×44 pin icon whose classes are `<kind>-pin`, `<kind>-pin-body` and `<kind>-pin-dot|mast`. */
export function pinIcon(kind: 'concern' | 'check' | 'request', glyph: 'dot' | 'mast'): L.DivIcon {
  // Built as elements, not an HTML string: no markup parsing, nothing the CSP would have to allow.
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 32 44');
  svg.setAttribute('width', '32');
  svg.setAttribute('height', '44');
  svg.setAttribute('aria-hidden', 'true');
  const body = document.createElementNS(SVG, 'path');
  body.setAttribute('d', BODY);
  body.setAttribute('class', `${kind}-pin-body`);
  let inner: SVGElement;
  if (glyph === 'dot') {
    inner = document.createElementNS(SVG, 'circle');
    inner.setAttribute('cx', '16');
    inner.setAttribute('cy', '16');
    inner.setAttribute('r', '5.5');
  } else {
    inner = document.createElementNS(SVG, 'path');
    inner.setAttribute('d', MAST);
  }
  inner.setAttribute('class', `${kind}-pin-${glyph}`);
  svg.append(body, inner);
  return L.divIcon({ className: `${kind}-pin`, html: svg, iconSize: [32, 44], iconAnchor: [16, 43] });
}
