/** The planning figures as files for the council: CSV tables (one row per district, per removed structure, per case,
 *  per candidate mast) and the consolidation plan as GeoJSON (RFC 7946) lines from each removed structure to the kept one. */
import type { ConsolidationResponse, EnforcementResponse, SummaryResponse, UnregisteredResponse } from '../../shared/api/planning.js';
import { csvText, headings, label, type CsvLang } from './csv.js';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The district table. */
export function summaryCsv(s: SummaryResponse, operators: readonly string[], lang: CsvLang): string {
  const keys = ['district_id', 'district_fa', 'district_en', 'area_km2', 'structures', 'per_km2', 'shared', 'unpermitted', 'open_concerns'];
  const rows = s.districts.map((d) => [
    d.id, d.name_fa, d.name_en, round(d.area_km2, 3), d.structures, round(d.per_km2, 3), d.shared, d.unpermitted, d.open_concerns,
    ...operators.map((o) => d.by_operator[o] ?? 0),
  ]);
  return csvText([...headings(keys, lang), ...operators.map((o) => label(o, lang))], rows);
}

/** One row per removed structure, with its group, the kept structure and the kept structure's verdict. */
export function consolidationCsv(plan: ConsolidationResponse, lang: CsvLang): string {
  const keys = [
    'group', 'keep_site_id', 'keep_code', 'keep_lon', 'keep_lat', 'keep_type', 'keep_height_m',
    'removed_site_id', 'removed_code', 'removed_lon', 'removed_lat', 'removed_type', 'distance_m', 'operators_moved', 'verdict',
  ];
  const rows = plan.groups.flatMap((g, i) =>
    g.removed.map((r) => [
      i + 1, g.keep.id, g.keep.code, g.keep.lon, g.keep.lat, label(g.keep.structure_type, lang), g.keep.height_m,
      r.id, r.code, r.lon, r.lat, label(r.structure_type, lang), r.distance_m, label(r.operators, lang), label(g.checks.verdict, lang),
    ]),
  );
  return csvText(headings(keys, lang), rows);
}

/** Kept structures as points and moves as lines from the removed structure to the kept one; totals as a foreign
 *  member of the collection (RFC 7946 section 6.1). */
export function consolidationGeoJson(plan: ConsolidationResponse): GeoJSON.FeatureCollection & { totals: ConsolidationResponse['totals']; distances: ConsolidationResponse['distances'] } {
  const features: GeoJSON.Feature[] = [];
  plan.groups.forEach((g, i) => {
    features.push({
      type: 'Feature', geometry: { type: 'Point', coordinates: [g.keep.lon, g.keep.lat] },
      properties: {
        role: 'keep', group: i + 1, site_id: g.keep.id, code: g.keep.code, structure_type: g.keep.structure_type, height_m: g.keep.height_m,
        operators: g.keep.operators, operators_moved: g.operators_moved, remove_site_ids: g.remove_site_ids, verdict: g.checks.verdict,
      },
    });
    for (const r of g.removed) {
      features.push({
        type: 'Feature', geometry: { type: 'LineString', coordinates: [[r.lon, r.lat], [g.keep.lon, g.keep.lat]] },
        properties: {
          role: 'remove', group: i + 1, site_id: r.id, code: r.code, structure_type: r.structure_type, operators: r.operators,
          keep_site_id: g.keep.id, keep_code: g.keep.code, distance_m: r.distance_m,
        },
      });
    }
  });
  return { type: 'FeatureCollection', features, totals: plan.totals, distances: plan.distances };
}

/** The Article 100 case list. */
export function enforcementCsv(e: EnforcementResponse, lang: CsvLang): string {
  const keys = [
    'site_id', 'code', 'lon', 'lat', 'status', 'structure_type', 'height_m', 'permit_no', 'owner', 'operators', 'district_id', 'reasons',
    'place', 'place_distance_m', 'place_limit_m', 'open_concerns', 'concerns',
  ];
  const rows = e.cases.map((c) => [
    c.site_id, c.code, c.lon, c.lat, label(c.status, lang), label(c.structure_type, lang), c.height_m, c.permit_no, label(c.owner_operator_id, lang),
    label(c.operators, lang), c.district_id, label(c.reasons, lang),
    c.place ? `${label(c.place.kind, lang)}: ${lang === 'fa' ? c.place.name_fa : c.place.name_en}` : '', c.place?.distance_m, c.place?.limit_m,
    c.open_concerns, c.concerns,
  ]);
  return csvText(headings(keys, lang), rows);
}

/** The candidate unregistered masts. */
export function unregisteredCsv(u: UnregisteredResponse, lang: CsvLang): string {
  const keys = ['candidate', 'lon', 'lat', 'cells', 'samples', 'operators', 'radios', 'unknown_networks', 'nearest_site_code', 'nearest_site_m', 'district_id'];
  const rows = u.candidates.map((c) => [
    c.id, round(c.lon, 6), round(c.lat, 6), c.cells, c.samples, label(c.operators, lang), c.radios, c.unknown_networks,
    c.nearest_site?.code, c.nearest_site?.distance_m, c.district_id,
  ]);
  return csvText(headings(keys, lang), rows);
}
