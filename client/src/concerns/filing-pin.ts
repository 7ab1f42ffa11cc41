/** The pin a resident places where a concern is: a draggable Leaflet marker that a tap on the map
 *  also moves. Imperative, like the masts' layer: created once, moved in place. */
import L from 'leaflet';

/** The pin's pane sits above the masts (450) and their labels (460), so it is never hidden by one. */
const PIN_PANE = 'dakal-concern-pin';

function pinIcon(): L.DivIcon {
  // Built as elements, not an HTML string: no markup parsing, nothing the CSP would have to allow.
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 32 44');
  svg.setAttribute('width', '32');
  svg.setAttribute('height', '44');
  svg.setAttribute('aria-hidden', 'true');
  const body = document.createElementNS(ns, 'path');
  body.setAttribute('d', 'M16 1C7.7 1 1 7.6 1 15.8 1 27 16 43 16 43s15-16 15-27.2C31 7.6 24.3 1 16 1z');
  body.setAttribute('class', 'concern-pin-body');
  const dot = document.createElementNS(ns, 'circle');
  dot.setAttribute('cx', '16');
  dot.setAttribute('cy', '16');
  dot.setAttribute('r', '5.5');
  dot.setAttribute('class', 'concern-pin-dot');
  svg.append(body, dot);
  return L.divIcon({ className: 'concern-pin', html: svg, iconSize: [32, 44], iconAnchor: [16, 43] });
}

/** A pin on `map` at `at`, calling `onMove` after a drag or a tap on the map moves it. */
export class FilingPin {
  private readonly marker: L.Marker;
  private readonly onMapClick = (e: L.LeafletMouseEvent) => this.moveTo(e.latlng, true);

  constructor(
    private readonly map: L.Map,
    at: L.LatLng,
    title: string,
    private readonly onMove: (at: L.LatLng) => void,
  ) {
    if (!map.getPane(PIN_PANE)) map.createPane(PIN_PANE).style.zIndex = '650';
    this.marker = L.marker(at, { pane: PIN_PANE, draggable: true, autoPan: true, keyboard: false, title, alt: title, icon: pinIcon() });
    this.marker.on('dragend', () => this.onMove(this.marker.getLatLng()));
    this.marker.addTo(map);
    map.on('click', this.onMapClick);
  }

  /** Moves the pin; `announce` reports the new place to the owner. */
  moveTo(at: L.LatLng, announce = false): void {
    this.marker.setLatLng(at);
    if (announce) this.onMove(at);
  }

  /** Where the pin is. */
  position(): L.LatLng {
    return this.marker.getLatLng();
  }

  /** Takes the pin and its tap handler off the map. */
  remove(): void {
    this.map.off('click', this.onMapClick);
    this.marker.remove();
  }
}
