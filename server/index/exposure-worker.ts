/** Worker thread of the exposure grid pool (server/index/exposure-workers.ts): holds the registry's sites of one
 *  generation and computes bands of grid rows with the pure shared/ code, answering each band's values. */
import { parentPort } from 'node:worker_threads';
import { farFieldRows, tilePlan } from '../../shared/exposure-far-field.js';
import { exposureGridLayout } from '../../shared/exposure-grid.js';
import type { GridSites } from '../../shared/exposure-kernel.js';
import { siteBuckets } from '../../shared/exposure-site-buckets.js';
import type { WorkerMessage } from './exposure-workers.js';

/** The sites of the two newest generations: a grid still running on the previous one finishes with it. */
const loaded = new Map<number, { grid: GridSites; near: ReturnType<typeof siteBuckets>; cutoffM: number }>();

parentPort!.on('message', (m: WorkerMessage) => {
  if (m.type === 'sites') {
    const grid = { count: m.count, sites: new Float64Array(m.sites), antennas: new Float64Array(m.antennas) };
    loaded.set(m.generation, { grid, near: siteBuckets(grid.sites, m.cutoffM + 2), cutoffM: m.cutoffM });
    for (const g of loaded.keys()) if (loaded.size > 2) loaded.delete(g);
    return;
  }
  try {
    const current = loaded.get(m.generation);
    if (!current) throw new Error(`exposure worker: sites of generation ${m.generation} not loaded`);
    const t = m.task;
    const l = exposureGridLayout(t.bbox, t.cellM);
    const plan = tilePlan(t.cellM, current.cutoffM, t.farRatio);
    const opts = { heightM: t.heightM, reflectionFactor: 1, cutoffM: current.cutoffM, farRatio: t.farRatio, plan };
    const values = farFieldRows(l, t.cellM, current.grid, current.near, opts, t.rowStart, t.rowEnd);
    parentPort!.postMessage({ id: m.id, values }, [values.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
