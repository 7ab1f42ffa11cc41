/** Gathers, with the registry's spatial indexes, the context checkSiting (shared/siting.ts) reads around a point,
 *  and runs the authoritative siting check that the API and other features (site requests, consolidation) call. */
import { haversineM, pointInPolygon } from '../../shared/geodesy.js';
import { checkSiting, exposureReachM, type SitingContext, type SitingInput, type SitingResult, type SitingZone } from '../../shared/siting.js';
import { sitingRadii } from '../../shared/siting-context.js';
import type { Policy } from '../../shared/policy.js';
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

/** Zones containing the point, or with a margin every zone whose box comes within it. */
function zonesAround(ctx: Ctx, lon: number, lat: number, margin: number): SitingZone[] {
  const zoneBox = margin > 0 ? radiusBBox(lon, lat, margin) : ([lon, lat, lon, lat] as [number, number, number, number]);
  return ctx.places
    .zones(zoneBox)
    .filter((z) => margin > 0 || pointInPolygon(lon, lat, z.geometry))
    .map((z) => ({ id: z.id, kind: z.kind, name_fa: z.name_fa, name_en: z.name_en, geometry: z.geometry }));
}

const aerodromesNear = (ctx: Ctx, lon: number, lat: number, margin: number) =>
  ctx.aerodromes.filter((a) => haversineM(lon, lat, a.lon, a.lat) <= AERODROME_REACH_M + margin);

/** Structures, sensitive places, zones and antennas around an area (sitingRadii grown by the margin); with margin_m 0
 *  exactly what narrowSitingContext keeps for the centre. The browser's context: its antennas are listed. */
export function gatherSitingContext(ctx: Ctx, area: SitingArea): GatheredContext {
  const { lon, lat, margin_m: margin } = area;
  const current = ctx.policy.current();
  const r = sitingRadii(current.policy, { lat, height_m: area.height_m });
  const sitesRadiusM = r.sitesM + margin;
  const sensitivePlaces = ctx.siting.placesWithin(lon, lat, r.placesM + margin);
  const antennasRadiusM = exposureReachM(current.policy, sensitivePlaces, lon, lat);
  return {
    policy: current.policy,
    policyVersion: current.version,
    sites: ctx.siting.sitesWithin(lon, lat, sitesRadiusM),
    sensitivePlaces,
    zones: zonesAround(ctx, lon, lat, margin),
    antennas: antennasRadiusM > 0 ? ctx.nearby.antennasWithin(lon, lat, antennasRadiusM) : [],
    aerodromes: aerodromesNear(ctx, lon, lat, margin),
    sites_radius_m: sitesRadiusM,
    antennas_radius_m: antennasRadiusM,
  };
}

/** Checks a proposed structure against the policy in force with the registry around it: the server's authoritative
 *  answer (the browser runs the same checkSiting on narrowSitingContext of GET /api/siting/context). Everything is
 *  read from memory: the density cell is counted from the site index (so its structures are not gathered) and the
 *  existing antennas' exposure comes from the registry's exposure field instead of a list of antennas. Under another
 *  policy than the one in force when given (the bench's, with a rule turned off). */
export function runSitingCheck(ctx: Ctx, input: SitingInput, current: { policy: Policy; version: number } = ctx.policy.current()): SitingResult {
  const { lon, lat } = input;
  const density = current.policy.rules.density;
  const r = sitingRadii(current.policy, input, density.enabled);
  const context: SitingContext = {
    policy: current.policy,
    policyVersion: current.version,
    sites: ctx.siting.sitesWithin(lon, lat, r.sitesM),
    sensitivePlaces: ctx.siting.placesWithin(lon, lat, r.placesM),
    zones: zonesAround(ctx, lon, lat, 0),
    antennas: [],
    existingExposure: ctx.siting.exposure,
    aerodromes: aerodromesNear(ctx, lon, lat, 0),
  };
  if (density.enabled) context.densityCount = ctx.siting.densityCount(lon, lat, density.cell_km, input.site_id);
  return checkSiting(input, context);
}
