/** Fills the empty sites R*Tree with points at once: the tree is packed in Hilbert order (Kamel & Faloutsos 1993, the
 *  way flatbush builds its index) and its three shadow tables written directly, in the on-disk format documented at
 *  the top of SQLite's ext/rtree/rtree.c. SQLite's own insert costs ≈ 10 µs a point (ChooseLeaf, node splits and a
 *  node blob rewritten per row, whatever the order of the rows); writing ≈ 20,000 node blobs and one row per point
 *  costs about a tenth of that. The format is SQLite's file format and so stable; `rtreecheck()` verifies the result. */
import type { DB } from '../db.js';

/** The shadow tables exactly as SQLite 3.24+ makes them for `sites_rtree` (no auxiliary columns). */
const SHADOWS: ReadonlyArray<[name: string, sql: string]> = [
  ['sites_rtree_node', 'CREATE TABLE "sites_rtree_node"(nodeno INTEGER PRIMARY KEY,data)'],
  ['sites_rtree_parent', 'CREATE TABLE "sites_rtree_parent"(nodeno INTEGER PRIMARY KEY,parentnode)'],
  ['sites_rtree_rowid', 'CREATE TABLE "sites_rtree_rowid"(rowid INTEGER PRIMARY KEY,nodeno)'],
];
const SHADOW_SQL = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?";
// An empty R*Tree is one root node (nodeno 1) with no cells; all nodes have the root's size (rtree.c getNodeSize).
const EMPTY = `SELECT (SELECT count(*) FROM sites_rtree_node) = 1 AND NOT EXISTS (SELECT 1 FROM sites_rtree_rowid)
  AND NOT EXISTS (SELECT 1 FROM sites_rtree_parent)`;
const NODE_SIZE = 'SELECT length(data) FROM sites_rtree_node WHERE nodeno = 1';
const SET_ROOT = 'UPDATE sites_rtree_node SET data = ? WHERE nodeno = 1';
const ADD_NODE = 'INSERT INTO sites_rtree_node (nodeno, data) VALUES (?, ?)';
const ADD_PARENT = 'INSERT INTO sites_rtree_parent (nodeno, parentnode) VALUES (?, ?)';
const ROWID_ROW = '(?, ?)';
const ROWID_ROWS_10 = `${ROWID_ROW}, ${ROWID_ROW}, ${ROWID_ROW}, ${ROWID_ROW}, ${ROWID_ROW}, ${ROWID_ROW}, ${ROWID_ROW}, ${ROWID_ROW}, ${ROWID_ROW}, ${ROWID_ROW}`;
const ROWID_ROWS_50 = `${ROWID_ROWS_10}, ${ROWID_ROWS_10}, ${ROWID_ROWS_10}, ${ROWID_ROWS_10}, ${ROWID_ROWS_10}`;
const ROWID_ROWS_200 = `${ROWID_ROWS_50}, ${ROWID_ROWS_50}, ${ROWID_ROWS_50}, ${ROWID_ROWS_50}`;
const ROWID_ROWS = 200;
const ADD_ROWIDS = `INSERT INTO sites_rtree_rowid (rowid, nodeno) VALUES ${ROWID_ROWS_200}`;
const ADD_ROWID = `INSERT INTO sites_rtree_rowid (rowid, nodeno) VALUES ${ROWID_ROW}`;

/** A cell: 8-byte rowid or child node number, then min and max of each of the two dimensions as 4-byte floats. */
const CELL_BYTES = 8 + 4 * 4;

// rtree.c rtreeValueDown/rtreeValueUp: a double is stored as the float32 below (min) or above (max) it, by this exact
// rule, so a packed tree holds the very boxes SQLite's own insert would have stored.
const RNDTOWARDS = 1 - 1 / 8388608;
const RNDAWAY = 1 + 1 / 8388608;
/** The float32 rtree.c stores for a box minimum. */
export function rtreeDown(d: number): number {
  const f = Math.fround(d);
  return f > d ? Math.fround(d * (d < 0 ? RNDAWAY : RNDTOWARDS)) : f;
}
/** The float32 rtree.c stores for a box maximum. */
export function rtreeUp(d: number): number {
  const f = Math.fround(d);
  return f < d ? Math.fround(d * (d < 0 ? RNDTOWARDS : RNDAWAY)) : f;
}

/** Position of (x, y), both 0–65535, along a Hilbert curve (rawrunprotected's branch-free algorithm, public domain,
 *  as in flatbush). */
function hilbert(x: number, y: number): number {
  let a = x ^ y;
  let b = 0xffff ^ a;
  let c = 0xffff ^ (x | y);
  let d = x & (y ^ 0xffff);
  let A = a | (b >> 1);
  let B = (a >> 1) ^ a;
  let C = (c >> 1) ^ (b & (d >> 1)) ^ c;
  let D = (a & (c >> 1)) ^ (d >> 1) ^ d;
  a = A; b = B; c = C; d = D;
  A = (a & (a >> 2)) ^ (b & (b >> 2));
  B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
  C ^= (a & (c >> 2)) ^ (b & (d >> 2));
  D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));
  a = A; b = B; c = C; d = D;
  A = (a & (a >> 4)) ^ (b & (b >> 4));
  B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
  C ^= (a & (c >> 4)) ^ (b & (d >> 4));
  D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));
  a = A; b = B; c = C; d = D;
  C ^= (a & (c >> 8)) ^ (b & (d >> 8));
  D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));
  a = C ^ (C >> 1);
  b = D ^ (D >> 1);
  let i0 = x ^ y;
  let i1 = b | (0xffff ^ (i0 | a));
  i0 = (i0 | (i0 << 8)) & 0x00ff00ff;
  i0 = (i0 | (i0 << 4)) & 0x0f0f0f0f;
  i0 = (i0 | (i0 << 2)) & 0x33333333;
  i0 = (i0 | (i0 << 1)) & 0x55555555;
  i1 = (i1 | (i1 << 8)) & 0x00ff00ff;
  i1 = (i1 | (i1 << 4)) & 0x0f0f0f0f;
  i1 = (i1 | (i1 << 2)) & 0x33333333;
  i1 = (i1 | (i1 << 1)) & 0x55555555;
  return ((i1 << 1) | i0) >>> 0;
}

/** Point indexes 0…n-1 in Hilbert order over the points' own extent (ties in input order). */
function hilbertOrder(lon: Float64Array, lat: Float64Array, n: number): Uint32Array {
  let w = Infinity, s = Infinity, e = -Infinity, north = -Infinity;
  for (let i = 0; i < n; i++) {
    w = Math.min(w, lon[i]!); e = Math.max(e, lon[i]!);
    s = Math.min(s, lat[i]!); north = Math.max(north, lat[i]!);
  }
  const kx = e > w ? 65535 / (e - w) : 0;
  const ky = north > s ? 65535 / (north - s) : 0;
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = hilbert(Math.floor((lon[i]! - w) * kx), Math.floor((lat[i]! - s) * ky));
  // Stable LSD radix sort on the 32-bit keys, 16 bits a pass: a third of the time of a comparator sort at 1M points.
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (const shift of [0, 16]) {
    const start = new Uint32Array(65_537);
    for (let i = 0; i < n; i++) start[((keys[i]! >>> shift) & 0xffff) + 1]!++;
    for (let b = 1; b <= 65_536; b++) start[b]! += start[b - 1]!;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      next[start[(keys[i]! >>> shift) & 0xffff]!++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** Whether the sites R*Tree is empty and its shadow tables are the ones this packer writes. */
export function canPackSitesRtree(db: DB): boolean {
  const sql = db.prepare(SHADOW_SQL).pluck();
  if (!SHADOWS.every(([name, create]) => sql.get(name) === create)) return false;
  const size = db.prepare(NODE_SIZE).pluck().get();
  return db.prepare(EMPTY).pluck().get() === 1 && typeof size === 'number' && size >= 4 + 2 * CELL_BYTES;
}

/** Writes the packed R*Tree of points `firstId + i` at (lon[i], lat[i]), i < n, into the empty sites R*Tree; call
 *  inside the load's transaction after canPackSitesRtree. Writing shadow tables needs defensive mode off for the
 *  duration (better-sqlite3 turns it on); it is switched back on before returning. */
export function packSitesRtree(db: DB, firstId: number, lon: Float64Array, lat: Float64Array, n: number): void {
  const nodeSize = db.prepare(NODE_SIZE).pluck().get() as number;
  const fanout = Math.floor((nodeSize - 4) / CELL_BYTES);
  const order = hilbertOrder(lon, lat, n);
  // Items of the level being grouped: id (rowid, or node number above the leaves) and box, in packing order.
  let ids = new Float64Array(n);
  let box = new Float64Array(4 * n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    ids[k] = firstId + i;
    box[4 * k] = rtreeDown(lon[i]!);
    box[4 * k + 1] = rtreeUp(lon[i]!);
    box[4 * k + 2] = rtreeDown(lat[i]!);
    box[4 * k + 3] = rtreeUp(lat[i]!);
  }
  const leafOf = new Float64Array(n);
  const nodes: Array<[nodeno: number, data: Buffer]> = [];
  const parents: Array<[nodeno: number, parent: number]> = [];
  let nextNode = 2;
  let depth = 0;
  let count = n;
  for (;;) {
    const root = count <= fanout;
    const groups = root ? 1 : Math.ceil(count / fanout);
    const upIds = new Float64Array(groups);
    const upBox = new Float64Array(4 * groups);
    for (let g = 0; g < groups; g++) {
      const nodeno = root ? 1 : nextNode++;
      const from = g * fanout;
      const to = Math.min(count, from + fanout);
      const data = Buffer.alloc(nodeSize);
      const view = new DataView(data.buffer, data.byteOffset, nodeSize);
      if (root) view.setUint16(0, depth); // Only the root records the tree's depth.
      view.setUint16(2, to - from);
      let w = Infinity, e = -Infinity, s = Infinity, north = -Infinity;
      for (let k = from; k < to; k++) {
        const at = 4 + (k - from) * CELL_BYTES;
        const id = ids[k]!;
        // A 64-bit big-endian integer, written as two 32-bit halves (ids stay far below 2^53).
        view.setUint32(at, Math.floor(id / 4294967296));
        view.setUint32(at + 4, id >>> 0);
        for (let c = 0; c < 4; c++) view.setFloat32(at + 8 + 4 * c, box[4 * k + c]!);
        w = Math.min(w, box[4 * k]!); e = Math.max(e, box[4 * k + 1]!);
        s = Math.min(s, box[4 * k + 2]!); north = Math.max(north, box[4 * k + 3]!);
        if (depth === 0) leafOf[ids[k]! - firstId] = nodeno;
        else parents.push([id, nodeno]);
      }
      nodes.push([nodeno, data]);
      upIds[g] = nodeno;
      upBox.set([w, e, s, north], 4 * g);
    }
    if (root) break;
    ids = upIds;
    box = upBox;
    count = groups;
    depth++;
  }

  db.unsafeMode(true);
  try {
    const setRoot = db.prepare(SET_ROOT);
    const addNode = db.prepare(ADD_NODE);
    for (const [nodeno, data] of nodes) {
      if (nodeno === 1) setRoot.run(data);
      else addNode.run(nodeno, data);
    }
    const addParent = db.prepare(ADD_PARENT);
    for (const [nodeno, parent] of parents.sort((a, b) => a[0] - b[0])) addParent.run(nodeno, parent);
    // Rowids in id order, so the rowid table's B-tree is appended to.
    const addRowids = db.prepare(ADD_ROWIDS);
    const addRowid = db.prepare(ADD_ROWID);
    const params: number[] = new Array(2 * ROWID_ROWS);
    let i = 0;
    for (; i + ROWID_ROWS <= n; i += ROWID_ROWS) {
      for (let k = 0; k < ROWID_ROWS; k++) {
        params[2 * k] = firstId + i + k;
        params[2 * k + 1] = leafOf[i + k]!;
      }
      addRowids.run(params);
    }
    for (; i < n; i++) addRowid.run(firstId + i, leafOf[i]!);
  } finally {
    db.unsafeMode(false);
  }
}
