/** A seeded write load against a running server: sites with antennas, antennas on acknowledged sites, and
 *  concerns when the server has them; it remembers what was sent and what was acknowledged with a 2xx. */
import type { Session } from './server.js';

export type Rng = () => number;

export interface LoadRecord {
  /** Every site code sent, with the antennas it was created with (acknowledged or not). */
  sentSites: Map<string, number>;
  /** Site code → id for creations answered 201. */
  ackedSites: Map<string, number>;
  /** Antenna id → site id for additions answered 201. */
  ackedAntennas: Map<number, number>;
  /** Tracking codes of concerns answered 201. */
  ackedConcerns: string[];
  /** Acknowledged writes so far. */
  acked(): number;
  /** Answers that were neither 2xx nor a dropped connection (should stay 0). */
  unexpected: string[];
}

const OPS = ['mci', 'irancell', 'rightel'] as const;
const TECH = ['GSM', 'UMTS', 'LTE', 'NR'] as const;

const antenna = (rng: Rng) => ({
  operator_id: OPS[Math.floor(rng() * 3)]!, technology: TECH[Math.floor(rng() * 4)]!, frequency_mhz: 700 + Math.round(rng() * 3000),
  eirp_w: Math.round(rng() * 2000), azimuth_deg: Math.floor(rng() * 360), tilt_deg: Math.round(rng() * 10), height_m: 10 + Math.round(rng() * 20),
});

/** Starts `workers` loops that write until `stop()`; a refused connection (the server was killed) ends a loop. */
export function startWriteLoad(url: string, session: Session, rng: Rng, opts: { prefix: string; workers?: number; concerns?: boolean }) {
  const rec: LoadRecord = {
    sentSites: new Map(), ackedSites: new Map(), ackedAntennas: new Map(), ackedConcerns: [], unexpected: [],
    acked: () => rec.ackedSites.size + rec.ackedAntennas.size + rec.ackedConcerns.length,
  };
  let running = true;
  let n = 0;
  const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf };
  const post = (path: string, body: unknown) => fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });

  async function once(): Promise<void> {
    const roll = rng();
    const sites = [...rec.ackedSites.values()];
    if (roll < 0.3 && sites.length) {
      const siteId = sites[Math.floor(rng() * sites.length)]!;
      const r = await post(`/api/sites/${siteId}/antennas`, antenna(rng));
      const body = (await r.json()) as { id: number };
      if (r.status === 201) rec.ackedAntennas.set(body.id, siteId);
      else rec.unexpected.push(`antenna ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
    } else if (roll < 0.45 && opts.concerns) {
      const r = await post('/api/concerns', { lat: 35.8 + rng() * 0.05, lon: 50.95 + rng() * 0.08, category: 'visual', description: `load ${opts.prefix} ${n++}` });
      const body = (await r.json()) as { code: string };
      if (r.status === 201) rec.ackedConcerns.push(body.code);
      else rec.unexpected.push(`concern ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
    } else {
      const code = `${opts.prefix}-${n++}`;
      const antennas = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => antenna(rng));
      rec.sentSites.set(code, antennas.length);
      const r = await post('/api/sites', {
        code, lon: 50.95 + rng() * 0.08, lat: 35.8 + rng() * 0.05, structure_type: 'monopole', height_m: 20 + Math.round(rng() * 20), owner_operator_id: antennas[0]!.operator_id, antennas,
      });
      const body = (await r.json()) as { id: number };
      if (r.status === 201) rec.ackedSites.set(code, body.id);
      else rec.unexpected.push(`site ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
  }

  const loops = Array.from({ length: opts.workers ?? 6 }, async () => {
    while (running) {
      try {
        await once();
      } catch {
        return; // connection refused or reset: the server is gone
      }
    }
  });

  return {
    record: rec,
    /** Resolves when `acked()` reaches `count` (or every loop has ended). */
    async until(count: number): Promise<void> {
      while (rec.acked() < count && running) {
        const alive = await Promise.race([Promise.all(loops).then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 20))]);
        if (!alive) return;
      }
    },
    /** Ends the loops after their current request. */
    async stop(): Promise<void> {
      running = false;
      await Promise.all(loops);
    },
  };
}
