/** Turns off zod's compiled validators in the browser: zod 4 probes for them with `Function('')`, which the app's
 *  Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses and reports as a violation. Imported
 *  first by main.tsx, before any schema parses (zod docs, "z.config({ jitless: true })" for CSP environments). */
import { z } from 'zod';

z.config({ jitless: true });
