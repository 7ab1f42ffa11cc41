/** Leaflet's stylesheet and default marker images, imported so Vite bundles them (Leaflet's own
 *  image-path guess from the stylesheet breaks once Vite renames the files). */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';

// A string imagePath stops the guess; the URLs below are complete.
L.Icon.Default.imagePath = '';
L.Icon.Default.mergeOptions({ iconUrl, iconRetinaUrl, shadowUrl });
