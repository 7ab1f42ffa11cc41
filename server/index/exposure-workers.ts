/** Worker threads for the exposure grid, one per core: the sites go to every worker once per registry generation in
 *  shared memory, then each grid is cut into bands of tile rows that idle workers take in turn. When threads cannot
 *  start (or ENABLE is off) the caller computes in-process instead. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Bbox } from '../../shared/exposure-grid.js';
import type { GridSites } from '../../shared/exposure-kernel.js';

/** One band of rows of one grid. */
export interface RowsTask {
  bbox: Bbox;
  cellM: number;
  heightM: number;
  farRatio: number;
  rowStart: number;
  rowEnd: number;
}

/** Messages to a worker: the sites of a generation, or a band to compute. */
export type WorkerMessage =
  | { type: 'sites'; generation: number; count: number; sites: SharedArrayBuffer; antennas: SharedArrayBuffer; cutoffM: number }
  | { type: 'rows'; id: number; generation: number; task: RowsTask };
type Reply = { id: number; values: Float64Array; error?: undefined } | { id: number; error: string };

interface Slot {
  worker: Worker;
  busy: boolean;
}

const shared = (a: Float64Array) => {
  const buf = new SharedArrayBuffer(a.byteLength);
  new Float64Array(buf).set(a);
  return buf;
};

/** A pool of grid workers; rows() resolves with the band's values, row-major. */
export class GridWorkers {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<{ id: number; generation: number; task: RowsTask }> = [];
  private readonly pending = new Map<number, { resolve: (v: Float64Array) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private sitesMessage: WorkerMessage | null = null;

  constructor(readonly size = Math.max(1, Math.min(availableParallelism(), 8))) {}

  /** Threads started. */
  get running(): number {
    return this.slots.length;
  }

  /** Starts the threads (TypeScript through tsx's loader, as the server itself runs); false when they cannot start. */
  start(): boolean {
    if (this.slots.length) return true;
    try {
      for (let i = 0; i < this.size; i++) {
        const worker = new Worker(new URL('./exposure-worker-boot.mjs', import.meta.url));
        worker.unref();
        const slot = { worker, busy: false };
        worker.on('message', (r: Reply) => this.done(slot, r));
        worker.on('error', (e) => this.fail(e));
        this.slots.push(slot);
        if (this.sitesMessage) worker.postMessage(this.sitesMessage);
      }
      return true;
    } catch {
      this.close();
      return false;
    }
  }

  /** Hands the sites of a generation to every worker (the buffers are shared, not copied). */
  setSites(generation: number, grid: GridSites, cutoffM: number): void {
    this.sitesMessage = { type: 'sites', generation, count: grid.count, sites: shared(grid.sites), antennas: shared(grid.antennas), cutoffM };
    for (const s of this.slots) s.worker.postMessage(this.sitesMessage);
  }

  /** Computes a band of rows on the next idle worker. */
  rows(generation: number, task: RowsTask): Promise<Float64Array> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, generation, task });
      this.pump();
    });
  }

  /** Ends the threads; pending bands are rejected. */
  close(): void {
    for (const s of this.slots.splice(0)) void s.worker.terminate();
    this.fail(new Error('exposure workers closed'));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || !this.queue.length) continue;
      const job = this.queue.shift()!;
      slot.busy = true;
      slot.worker.ref();
      slot.worker.postMessage({ type: 'rows', ...job } satisfies WorkerMessage);
    }
  }

  private done(slot: Slot, r: Reply): void {
    slot.busy = false;
    slot.worker.unref();
    const p = this.pending.get(r.id);
    this.pending.delete(r.id);
    if (r.error !== undefined) p?.reject(new Error(r.error));
    else p?.resolve(r.values);
    this.pump();
  }

  private fail(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    this.queue.length = 0;
  }
}
