/** Terms of a smallest tile that are interpolated on their own and added per cell: a far site whose cutoff circle
 *  crosses the tile (added only where the cell is within the cutoff, by ratioSum's own test on the same numbers) and
 *  the excess above the −25 dB floor of an antenna whose floor kink crosses the tile (clipped at 0 per cell). */

/** The per-cell terms of the current level-1 tile. */
export class TileItems {
  /** 16 node values per term. */
  readonly nodes: Float64Array;
  count = 0;
  private readonly clip: Uint8Array;
  private readonly site: Int32Array;
  private readonly rowVals: Float64Array;

  /** Room for `capacity` terms; toCell holds the 4 Lagrange weights of each cell position within the tile. */
  constructor(capacity: number, private readonly toCell: Float64Array) {
    this.nodes = new Float64Array(capacity * 16);
    this.clip = new Uint8Array(capacity);
    this.site = new Int32Array(capacity);
    this.rowVals = new Float64Array(capacity * 4);
  }

  /** Forgets the previous tile's terms. */
  clear(): void {
    this.count = 0;
  }

  /** A new term (its nodes to be filled by the caller): masked by the cutoff of the site at offset siteOffset
   *  (−1: not masked), clipped at 0 or not; returns its index. */
  add(siteOffset: number, clip: boolean): number {
    this.site[this.count] = siteOffset;
    this.clip[this.count] = clip ? 1 : 0;
    return this.count++;
  }

  /** Reduces every term to a cubic along the tile row at position ry (0 = the tile's first row). */
  row(ry: number): void {
    const w = this.toCell;
    const w0 = w[ry * 4]!;
    const w1 = w[ry * 4 + 1]!;
    const w2 = w[ry * 4 + 2]!;
    const w3 = w[ry * 4 + 3]!;
    for (let t = 0; t < this.count; t++) {
      const o = t * 16;
      for (let kx = 0; kx < 4; kx++) {
        this.rowVals[t * 4 + kx] = w0 * this.nodes[o + kx]! + w1 * this.nodes[o + 4 + kx]! + w2 * this.nodes[o + 8 + kx]! + w3 * this.nodes[o + 12 + kx]!;
      }
    }
  }

  /** Σ of the terms at the cell at position cx of the current row, whose unit vector is (px, py, pz). */
  at(cx: number, px: number, py: number, pz: number, sites: Float64Array, cut2: number): number {
    const w = this.toCell;
    const w0 = w[cx * 4]!;
    const w1 = w[cx * 4 + 1]!;
    const w2 = w[cx * 4 + 2]!;
    const w3 = w[cx * 4 + 3]!;
    let s = 0;
    for (let t = 0; t < this.count; t++) {
      const o = this.site[t]!;
      if (o >= 0) {
        const dx = px - sites[o]!;
        const dy = py - sites[o + 1]!;
        const dz = pz - sites[o + 2]!;
        if (dx * dx + dy * dy + dz * dz > cut2) continue;
      }
      const v = w0 * this.rowVals[t * 4]! + w1 * this.rowVals[t * 4 + 1]! + w2 * this.rowVals[t * 4 + 2]! + w3 * this.rowVals[t * 4 + 3]!;
      s += this.clip[t] && v < 0 ? 0 : v;
    }
    return s;
  }
}

