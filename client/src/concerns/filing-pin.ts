/** The pin a resident places where a concern is: a draggable Leaflet marker that a tap on the map
 *  also moves. Imperative, like the masts' layer: created once, moved in place. */
import L from 'leaflet';
import { pinIcon } from '../map/pin-icon.js';

/** The pin's pane sits above the masts (450) and their labels (460), so it is never hidden by one. */
const PIN_PANE = 'dakal-concern-pin';


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
    this.marker = L.marker(at, { pane: PIN_PANE, draggable: true, autoPan: true, keyboard: false, title, alt: title, icon: pinIcon('concern', 'dot') });
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
