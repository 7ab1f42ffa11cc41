/** Observed cells into candidate masts: the kdbush DBSCAN against turf.clustersDbscan (the quadratic reference),
 *  noise at min_cells 2, and a candidate's operators from MCC/MNC. */
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/generate/prng.js';
import { destination } from '../../shared/geodesy.js';
import { NOISE, candidateMasts, dbscan } from '../../shared/observed-masts.js';

/** Clusters as a set of sorted member lists, to compare partitions whatever the numbering. */
function partition(labels: ArrayLike<number>): string[] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) (groups.get(labels[i]!) ?? groups.set(labels[i]!, []).get(labels[i]!)!).push(i);
  return [...groups.values()].map((g) => g.join(',')).sort();
}

const NETWORKS: Record<string, string> = { '432-11': 'mci', '432-35': 'irancell', '432-20': 'rightel' };
const operatorOf = (mcc: number, mnc: number) => NETWORKS[`${mcc}-${mnc}`];

describe('observed cells into candidate masts', () => {
  it('finds the same clusters as turf.clustersDbscan (minimum 1 cell: every cell in a cluster)', () => {
    const rnd = mulberry32(99);
    const points = Array.from({ length: 600 }, () => ({ lon: 50.95 + rnd() * 0.03, lat: 35.8 + rnd() * 0.025 }));
    const ours = partition(dbscan(points, 100, 1));
    const fc = turf.clustersDbscan(turf.featureCollection(points.map((p) => turf.point([p.lon, p.lat]))), 0.1, { minPoints: 1, units: 'kilometers' });
    const theirs = partition(fc.features.map((f) => f.properties.cluster ?? -1));
    expect(ours.length).toBeGreaterThan(50);
    expect(ours).toEqual(theirs);
  });

  it('links a chain of cells 90 m apart, leaves a lone cell as noise when two are needed, and names the operators', () => {
    const origin: [number, number] = [50.99, 35.83];
    const b = destination(origin[0], origin[1], 90, 90);
    const c = destination(b[0], b[1], 90, 90);
    const lone = destination(origin[0], origin[1], 500, 0);
    const cells = [
      { lon: origin[0], lat: origin[1], radio: 'LTE', mcc: 432, net: 11, samples: 10 },
      { lon: b[0], lat: b[1], radio: 'GSM', mcc: 432, net: 35, samples: 30 },
      { lon: c[0], lat: c[1], radio: 'LTE', mcc: 432, net: 99, samples: 0 },
      { lon: lone[0], lat: lone[1], radio: 'NR', mcc: 432, net: 20, samples: 5 },
    ];
    const labels = dbscan(cells, 100, 2);
    expect(labels[0]).toBe(labels[1]);
    expect(labels[1]).toBe(labels[2]);
    expect(labels[3]).toBe(NOISE);
    const [chain, ...rest] = candidateMasts(cells, 100, 2, operatorOf);
    expect(rest).toEqual([]);
    expect(chain!.cells).toBe(3);
    expect(chain!.operators).toEqual(['irancell', 'mci']);
    expect(chain!.unknown_networks).toEqual(['432-99']);
    expect(chain!.radios).toEqual(['GSM', 'LTE']);
    // Weighted by samples (at least 1 each): (10·a + 30·b + 1·c) / 41.
    expect(chain!.lon).toBeCloseTo((10 * origin[0] + 30 * b[0] + c[0]) / 41, 9);
    // With one cell enough, the lone NR cell of RighTel is a candidate of its own.
    expect(candidateMasts(cells, 100, 1, operatorOf).map((m) => m.operators)).toEqual([['irancell', 'mci'], ['rightel']]);
  });
});
