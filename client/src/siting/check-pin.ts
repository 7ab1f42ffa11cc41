/** The pin of the "check a location" tool: pressing the mouse on the map puts it there and it follows the pointer
 *  until release (the check runs all the while); a tap puts it where tapped; the pin itself can be dragged.
 *  Imperative, like the masts' layer: created once per tool session, moved in place. */
import L from 'leaflet';
import { pinIcon } from '../map/pin-icon.js';

/** Above the masts (450) and their labels (460), below Leaflet's popups (700). */
const PIN_PANE = 'dakal-check-pin';
/** A touch that moves less than this and lifts within TAP_MS is a tap (a longer or wider one pans the map). */
const TAP_PX = 10;
const TAP_MS = 600;


export interface PinEvents {
  /** The pin is at `at`; `holding` while the mouse or a finger still moves it. */
  onMove(at: L.LatLng, holding: boolean): void;
}

/** The pin and its pointer handling on `map`; no pin until the first press, tap or place(). */
export class CheckPin {
  private marker: L.Marker | null = null;
  private frame = 0;
  private pending: L.LatLng | null = null;
  /** A finger on the map that may become a tap, and how many fingers are down. */
  private touch: { id: number; x: number; y: number; at: number } | null = null;
  private fingers = 0;

  constructor(
    private readonly map: L.Map,
    private readonly title: string,
    private readonly events: PinEvents,
  ) {
    if (!map.getPane(PIN_PANE)) map.createPane(PIN_PANE).style.zIndex = '650';
    const el = map.getContainer();
    el.addEventListener('pointerdown', this.onPointerDown);
    el.addEventListener('pointerup', this.onTouchEnd);
    el.addEventListener('pointercancel', this.onTouchEnd);
  }

  /** Puts the pin at `at` and reports it (a button's "pin at the map's centre", a restored place). */
  place(at: L.LatLng): void {
    this.show(at);
    this.events.onMove(at, false);
  }

  /** Where the pin is, if placed. */
  position(): L.LatLng | null {
    return this.marker?.getLatLng() ?? null;
  }

  /** Takes the pin and its handlers off the map. */
  remove(): void {
    this.release();
    const el = this.map.getContainer();
    el.removeEventListener('pointerdown', this.onPointerDown);
    el.removeEventListener('pointerup', this.onTouchEnd);
    el.removeEventListener('pointercancel', this.onTouchEnd);
    this.marker?.remove();
    this.marker = null;
  }

  private show(at: L.LatLng): void {
    if (this.marker) {
      this.marker.setLatLng(at);
      return;
    }
    const m = L.marker(at, { pane: PIN_PANE, draggable: true, autoPan: true, keyboard: false, title: this.title, alt: this.title, icon: pinIcon('check', 'mast') });
    m.on('drag', () => this.events.onMove(m.getLatLng(), true));
    m.on('dragend', () => this.events.onMove(m.getLatLng(), false));
    m.addTo(this.map);
    this.marker = m;
  }

  // A mouse press on the map (not on a control or the pin) takes the pin there and holds it; the map does not pan.
  private readonly onPointerDown = (e: PointerEvent) => {
    if (e.target instanceof Element && e.target.closest('.leaflet-control, .leaflet-marker-icon, .leaflet-popup')) return;
    if (e.pointerType !== 'mouse') {
      this.fingers++;
      this.touch = this.fingers === 1 ? { id: e.pointerId, x: e.clientX, y: e.clientY, at: performance.now() } : null;
      return;
    }
    if (e.button !== 0) return;
    this.map.dragging.disable();
    L.DomUtil.disableTextSelection();
    L.DomUtil.disableImageDrag();
    const at = this.map.mouseEventToLatLng(e);
    this.show(at);
    this.events.onMove(at, true);
    document.addEventListener('pointermove', this.onPointerMove);
    document.addEventListener('pointerup', this.onPointerUp);
    document.addEventListener('pointercancel', this.onPointerUp);
  };

  // One move per frame: the check runs at the screen's pace, not the mouse's.
  private readonly onPointerMove = (e: PointerEvent) => {
    this.pending = this.map.mouseEventToLatLng(e);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const at = this.pending;
      this.pending = null;
      if (!at) return;
      this.show(at);
      this.events.onMove(at, true);
    });
  };

  private readonly onPointerUp = (e: PointerEvent) => {
    const at = e.type === 'pointerup' ? this.map.mouseEventToLatLng(e) : (this.marker?.getLatLng() ?? null);
    this.release();
    if (!at) return;
    this.show(at);
    this.events.onMove(at, false);
  };

  private release(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pending = null;
    document.removeEventListener('pointermove', this.onPointerMove);
    document.removeEventListener('pointerup', this.onPointerUp);
    document.removeEventListener('pointercancel', this.onPointerUp);
    L.DomUtil.enableTextSelection();
    L.DomUtil.enableImageDrag();
    this.map.dragging.enable();
  }

  // Touch and pen: a tap puts the pin, on a mast too (a finger's drag or pinch moves the map, as everywhere else
  // on a phone). Read from pointer events: a tap on a mast never reaches the map as a click.
  private readonly onTouchEnd = (e: PointerEvent) => {
    if (e.pointerType === 'mouse') return;
    this.fingers = Math.max(0, this.fingers - 1);
    const t = this.touch;
    if (!t || t.id !== e.pointerId) return;
    this.touch = null;
    if (e.type !== 'pointerup' || performance.now() - t.at > TAP_MS || Math.hypot(e.clientX - t.x, e.clientY - t.y) > TAP_PX) return;
    this.place(this.map.mouseEventToLatLng(e));
  };
}
