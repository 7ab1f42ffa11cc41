/** Vite build of the browser client: root client/, output dist/ (served by server/app.ts), API proxied in dev. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const API = 'http://localhost:8080';

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The server's CSP allows scripts from 'self' only: no inline module preload polyfill.
    modulePreload: { polyfill: false },
    // One chunk of about 520 kB (160 kB gzip) for the map page; the budget that matters is 250 kB gzip.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // zod and the module that configures it share one chunk, so `z.config({ jitless: true })` runs
        // before any other chunk builds a schema (otherwise zod probes for eval and breaks the CSP).
        manualChunks: (id) => (/[\\/]node_modules[\\/]zod[\\/]|[\\/]zod-csp\.ts$/.test(id) ? 'zod' : undefined),
      },
    },
  },
  server: {
    proxy: { '/api': API, '/open311': API, '/feeds': API },
  },
});
