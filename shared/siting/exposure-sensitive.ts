/** exposure_sensitive: predicted exposure at nearby sensitive places from existing plus proposed antennas
 *  (DOMAIN.md sections 4 and 5): fail above a total exposure ratio of 1, warn above the advisory field. */
import { distanceToPlaceM, nearestBoundaryPoint } from '../geodesy.js';
import { totalFieldVm, type ExposureAntennaInput } from '../exposure.js';
import { fieldOf } from '../exposure-sums.js';
import type { SitingContext, SitingInput, SitingPlace } from './request.js';
import type { RelatedObject, RuleResult } from './rule-result.js';
import { enNumber, faNumber, placeLabel } from './wording.js';

const MAX_LISTED = 10;

/** Where the existing antennas' exposure is taken on a place: a point place itself; an area's centroid and each
 *  vertex of its outline. Fixed per place, so a server can keep their sums between checks. */
export function exposureReferencePoints(place: Pick<SitingPlace, 'geometry'>): [number, number][] {
  const g = place.geometry;
  if (g.type === 'Point') return [[g.coordinates[0]!, g.coordinates[1]!]];
  const ring = g.coordinates[0] ?? [];
  const last = ring.length - 1;
  const closed = last > 0 && ring[0]![0] === ring[last]![0] && ring[0]![1] === ring[last]![1];
  return [ringCentroid(ring), ...ring.slice(0, closed ? last : ring.length).map((c) => [c[0]!, c[1]!] as [number, number])];
}

/** Keeps in `max` the larger of each of its two numbers and those of `sums`. */
function maxInto(max: Float64Array, sums: Float64Array): void {
  max[0] = Math.max(max[0]!, sums[0]!);
  max[1] = Math.max(max[1]!, sums[1]!);
}

/** Area-weighted centroid of a ring in degrees (planar; places are a few hundred metres across). */
function ringCentroid(ring: readonly (readonly number[])[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const [x0, y0] = [ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0];
  for (let i = 1; i < ring.length; i++) {
    const x1 = ring[i - 1]![0]! - x0, y1 = ring[i - 1]![1]! - y0;
    const x2 = ring[i]![0]! - x0, y2 = ring[i]![1]! - y0;
    const cross = x1 * y2 - x2 * y1;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  return a === 0 ? [x0, y0] : [x0 + cx / (3 * a), y0 + cy / (3 * a)];
}

/** Fails where the total exposure ratio at a sensitive place would exceed the limit, warns above the advisory V/m. */
export function checkExposureSensitive(input: SitingInput, ctx: SitingContext): RuleResult {
  const rule = ctx.policy.rules.exposure_sensitive;
  const proposed: ExposureAntennaInput[] = (input.antennas ?? []).map((a) => ({
    lon: input.lon, lat: input.lat, height_m: a.height_m, azimuth_deg: a.azimuth_deg, tilt_deg: a.tilt_deg,
    eirp_w: a.eirp_w, frequency_mhz: a.frequency_mhz, power_reduction: a.power_reduction ?? 1,
  }));
  // Existing antennas and the proposed ones summed apart: the existing field may come from the caller's index.
  const existing = ctx.existingExposure ?? fieldOf(ctx.antennas);
  const added = fieldOf(proposed);
  const sums = new Float64Array(2);
  const { observer_height_m: h, reflection_factor: refl, antenna_cutoff_m: cutoff } = rule;
  const results: { place: SitingPlace; ter: number; e: number; related: RelatedObject }[] = [];
  const existingMax = new Float64Array(2);
  const addedMax = new Float64Array(2);
  for (const place of ctx.sensitivePlaces) {
    if (!rule.kinds.includes(place.kind)) continue;
    const distanceM = distanceToPlaceM(input.lon, input.lat, place.geometry);
    if (distanceM > rule.place_radius_m) continue;
    // A conservative screening of "anywhere on the place" (DOMAIN.md section 4): the highest existing exposure at
    // the place's reference points plus the highest from the proposed antennas at those points and, for an area,
    // at its boundary point nearest the structure — never below the total at any one of those points.
    const points = exposureReferencePoints(place);
    existingMax.fill(0);
    addedMax.fill(0);
    for (const [lon, lat] of points) {
      sums.fill(0);
      existing.addSums(lon, lat, h, refl, cutoff, sums);
      maxInto(existingMax, sums);
    }
    if (place.geometry.type !== 'Point') {
      const nearest = nearestBoundaryPoint(input.lon, input.lat, place.geometry);
      points.push([nearest.lon, nearest.lat]);
    }
    if (proposed.length > 0) {
      for (const [lon, lat] of points) {
        sums.fill(0);
        added.addSums(lon, lat, h, refl, cutoff, sums);
        maxInto(addedMax, sums);
      }
    }
    const ter = existingMax[0]! + addedMax[0]!;
    const e = totalFieldVm(existingMax[1]! + addedMax[1]!);
    const related: RelatedObject = { type: 'sensitive_place', id: place.id, kind: place.kind, name: place.name_en, name_fa: place.name_fa, distance_m: distanceM, total_exposure_ratio: ter, e_total_vm: e };
    results.push({ place, ter, e, related });
  }
  results.sort((a, b) => b.ter - a.ter || b.e - a.e);
  const prediction = { fa: ' (پیش‌بینی محاسباتی، نه اندازه‌گیری)', en: ' (a prediction, not a measurement)' };
  const none = proposed.length === 0 ? { fa: ' برای سازهٔ پیشنهادی آنتنی اعلام نشده است.', en: ' No antennas were declared for the proposed structure.' } : { fa: '', en: '' };
  const worst = results[0];
  if (!worst) {
    return {
      rule: 'exposure_sensitive', status: 'pass', measured: null, limit: rule.advisory_e_total_vm, unit: 'V/m', related: [],
      message: { fa: `هیچ مکان حساسی در شعاع ${faNumber(rule.place_radius_m)} متری نیست.${none.fa}`, en: `No sensitive place within ${enNumber(rule.place_radius_m)} m.${none.en}` },
    };
  }
  const loudest = results.reduce((a, b) => (b.e > a.e ? b : a));
  const fail = worst.ter > rule.max_total_exposure_ratio;
  const warn = loudest.e > rule.advisory_e_total_vm;
  const at = fail || !warn ? worst : loudest;
  const label = placeLabel(at.place);
  const numbers = {
    fa: `در ${label.fa} نسبت کل مواجهه ${faNumber(at.ter, 4)} (حد ${faNumber(rule.max_total_exposure_ratio)}، ICNIRP 2020) و میدان کل ${faNumber(at.e, 2)} ولت بر متر (حد توصیه‌ای ${faNumber(rule.advisory_e_total_vm)}) است${prediction.fa}`,
    en: `At ${label.en} the total exposure ratio is ${enNumber(at.ter, 4)} (limit ${enNumber(rule.max_total_exposure_ratio)}, ICNIRP 2020) and the total field ${enNumber(at.e, 2)} V/m (advisory ${enNumber(rule.advisory_e_total_vm)})${prediction.en}`,
  };
  const verdict = fail
    ? { fa: '؛ از حد مجاز فراتر می‌رود.', en: '; the limit is exceeded.' }
    : warn
      ? { fa: '؛ از میدان توصیه‌ای بیشتر است.', en: '; above the advisory field.' }
      : { fa: '؛ در حد مجاز است.', en: '; within limits.' };
  return {
    rule: 'exposure_sensitive',
    status: fail ? 'fail' : warn ? 'warn' : 'pass',
    measured: fail ? worst.ter : loudest.e,
    limit: fail ? rule.max_total_exposure_ratio : rule.advisory_e_total_vm,
    unit: fail ? 'ratio' : 'V/m',
    related: results.slice(0, MAX_LISTED).map((r) => r.related),
    message: { fa: `${numbers.fa}${verdict.fa}${none.fa}`, en: `${numbers.en}${verdict.en}${none.en}` },
  };
}
