/** Turns off zod's compiled validators in the browser: zod 4 probes for them with `Function('')`, which the app's
 *  Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses and reports as a violation. Imported
 *  first by main.tsx and bundled into zod's own chunk (vite.config.ts), so it runs before any chunk builds a schema (zod docs, "z.config({ jitless: true })" for CSP environments). */
import { z } from 'zod';

z.config({ jitless: true });
