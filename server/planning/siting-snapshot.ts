/** The registry around many points at once, for checking hundreds of kept structures in one plan: structures,
 *  antennas and sensitive places read once into kdbush indexes, each check's context a box query that
 *  narrowSitingContext (shared/siting-context.ts) then cuts to exactly what runSitingCheck would gather. A context
 *  per check through SQL cost 15–20 ms on the demo city (two thousand antenna rows decoded each time). */
import KDBush from 'kdbush';
import { EARTH_RADIUS_M } from '../../shared/geodesy.js';
import type { Policy } from '../../shared/policy.js';
import type { SitingContext, SitingInput, SitingPlace, SitingSite } from '../../shared/siting.js';
import { narrowSitingContext, sitingRadii } from '../../shared/siting-context.js';
import type { Ctx } from '../context.js';
import { geometryBBox } from '../store/places.js';
import type { PositionedAntenna } from '../store/nearby.js';
import type { PlanningStore } from '../store/planning.js';

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

function pointIndex(points: ReadonlyArray<{ lon: number; lat: number }>): KDBush {
  const index = new KDBush(Math.max(1, points.length));
  for (const p of points) index.add(p.lon, p.lat);
  if (points.length === 0) index.add(1e9, 1e9);
  return index.finish();
}

/** Indexes of the points within a box of radiusM around (lon, lat): a superset of those within radiusM. */
function inBox(index: KDBush, count: number, lon: number, lat: number, radiusM: number): number[] {
  const dLat = (radiusM * 1.01) / M_PER_DEG;
  const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  return index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat).filter((i) => i < count);
}

/** Everything a siting check reads, in memory; build once per plan (the registry must not change meanwhile). */
export class SitingSnapshot {
  private readonly sites: SitingSite[];
  private readonly antennas: PositionedAntenna[];
  private readonly places: Array<SitingPlace & { lon: number; lat: number }>;
  private readonly siteIndex: KDBush;
  private readonly antennaIndex: KDBush;
  private readonly placeIndex: KDBush;
  /** Half the diagonal of the largest place's box, in metres: added to the place query so no area is missed. */
  private readonly placeReachM: number;

  constructor(
    private readonly ctx: Ctx,
    store: PlanningStore,
  ) {
    this.sites = store.sitingSites();
    this.antennas = ctx.nearby.allAntennas();
    let reach = 0;
    this.places = ctx.places.places().map((p) => {
      const [w, s, e, n] = geometryBBox(p.geometry);
      const lat = (s + n) / 2;
      reach = Math.max(reach, Math.hypot((e - w) * M_PER_DEG * Math.cos((lat * Math.PI) / 180), (n - s) * M_PER_DEG) / 2);
      return { id: p.id, kind: p.kind, name_fa: p.name_fa, name_en: p.name_en, geometry: p.geometry, lon: (w + e) / 2, lat };
    });
    this.placeReachM = reach;
    this.siteIndex = pointIndex(this.sites);
    this.antennaIndex = pointIndex(this.antennas);
    this.placeIndex = pointIndex(this.places);
  }

  /** The context runSitingCheck would build for `input` (densityCount aside), minus the structures in `without`
   *  and their antennas; under another policy (one with a rule turned off) when given. */
  context(input: SitingInput, without: ReadonlySet<number> = new Set(), policy: Policy = this.ctx.policy.current().policy): SitingContext {
    const { lon, lat } = input;
    const current = { policy, version: this.ctx.policy.current().version };
    const r = sitingRadii(policy, input);
    const sites = inBox(this.siteIndex, this.sites.length, lon, lat, r.sitesM).map((i) => this.sites[i]!).filter((s) => !without.has(s.id));
    const antennas = r.antennasM > 0
      ? inBox(this.antennaIndex, this.antennas.length, lon, lat, r.antennasM).sort((a, b) => a - b).map((i) => this.antennas[i]!).filter((a) => !without.has(a.site_id))
      : [];
    const sensitivePlaces = inBox(this.placeIndex, this.places.length, lon, lat, r.placesM + this.placeReachM)
      .sort((a, b) => a - b)
      .map((i) => this.places[i]!);
    const zones = this.ctx.places.zones([lon, lat, lon, lat]);
    const gathered = {
      policy: current.policy, policyVersion: current.version, sites: sites.sort((a, b) => a.id - b.id),
      sensitivePlaces, zones, antennas, aerodromes: this.ctx.aerodromes,
    };
    return narrowSitingContext(gathered, input);
  }
}
