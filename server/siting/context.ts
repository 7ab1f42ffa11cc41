/** Gathers, with the registry's spatial indexes, the context checkSiting (shared/siting.ts) reads around a point,
 *  and runs the authoritative siting check that the API and other features (site requests, consolidation) call. */
import { haversineM, distanceToPlaceM, pointInPolygon } from '../../shared/geodesy.js';
import { checkSiting, type SitingContext, type SitingInput, type SitingPlace, type SitingResult, type SitingZone } from '../../shared/siting.js';
import { narrowSitingContext, sitingRadii } from '../../shared/siting-context.js';
import type { Ctx } from '../context.js';
import { radiusBBox, type PositionedAntenna } from '../store/nearby.js';

/** An aerodrome's surfaces reach 30 km from its reference point at most (shared/aviation.ts REACH_M); 40 km leaves room. */
const AERODROME_REACH_M = 40_000;

export interface SitingArea {
  lon: number;
  lat: number;
  /** The tallest structure to be checked. */
  height_m: number;
  /** How far from (lon, lat) the checked point may lie. */
  margin_m: number;
}

/** A context valid for any point within margin_m of the centre and any height up to height_m, and the radii used. */
export interface GatheredContext extends SitingContext {
  antennas: readonly PositionedAntenna[];
  sites_radius_m: number;
  antennas_radius_m: number;
}

/** Structures, sensitive places, zones and antennas around an area (sitingRadii grown by the margin); with margin_m 0
 *  exactly what narrowSitingContext keeps for the centre. */
export function gatherSitingContext(ctx: Ctx, area: SitingArea): GatheredContext {
  const { lon, lat, margin_m: margin } = area;
  const current = ctx.policy.current();
  const r = sitingRadii(current.policy, { lat, height_m: area.height_m });
  const sitesRadiusM = r.sitesM + margin;
  const placesRadiusM = r.placesM + margin;
  const antennasRadiusM = r.antennasM > 0 ? r.antennasM + margin : 0;

  const sensitivePlaces: SitingPlace[] = [];
  for (const p of ctx.places.places(radiusBBox(lon, lat, placesRadiusM))) {
    if (distanceToPlaceM(lon, lat, p.geometry) <= placesRadiusM) {
      sensitivePlaces.push({ id: p.id, kind: p.kind, name_fa: p.name_fa, name_en: p.name_en, geometry: p.geometry });
    }
  }
  const zoneBox = margin > 0 ? radiusBBox(lon, lat, margin) : ([lon, lat, lon, lat] as [number, number, number, number]);
  const zones: SitingZone[] = ctx.places
    .zones(zoneBox)
    .filter((z) => margin > 0 || pointInPolygon(lon, lat, z.geometry))
    .map((z) => ({ id: z.id, kind: z.kind, name_fa: z.name_fa, name_en: z.name_en, geometry: z.geometry }));

  return {
    policy: current.policy,
    policyVersion: current.version,
    sites: ctx.nearby.sitesWithin(lon, lat, sitesRadiusM),
    sensitivePlaces,
    zones,
    antennas: antennasRadiusM > 0 ? ctx.nearby.antennasWithin(lon, lat, antennasRadiusM) : [],
    aerodromes: ctx.aerodromes.filter((a) => haversineM(lon, lat, a.lon, a.lat) <= AERODROME_REACH_M + margin),
    sites_radius_m: sitesRadiusM,
    antennas_radius_m: antennasRadiusM,
  };
}

/** Checks a proposed structure against the policy in force with the registry around it: the server's authoritative
 *  answer (the browser runs the same checkSiting on narrowSitingContext of GET /api/siting/context). */
export function runSitingCheck(ctx: Ctx, input: SitingInput): SitingResult {
  const gathered = gatherSitingContext(ctx, { lon: input.lon, lat: input.lat, height_m: input.height_m, margin_m: 0 });
  const context = narrowSitingContext(gathered, input);
  const density = context.policy.rules.density;
  // Counted in SQL over the cell's box; the browser counts the same structures from context.sites.
  if (density.enabled) context.densityCount = ctx.nearby.densityCount(input.lon, input.lat, density.cell_km, input.site_id);
  return checkSiting(input, context);
}
