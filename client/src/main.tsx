/** Entry point: fonts and styles, then the app inside its language and session providers. */
// First: zod must not probe for eval under the CSP (see zod-csp.ts; vite.config.ts keeps it in zod's chunk).
import './zod-csp.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Leaflet's stylesheet first, so the app's rules override it.
import './map/leaflet-setup.js';
import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import './styles/app.css';
import './styles/map.css';
import { App } from './App.js';
import { LanguageProvider } from './i18n/i18n.js';
import { SessionProvider } from './session.js';

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <LanguageProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </LanguageProvider>
  </StrictMode>,
);
