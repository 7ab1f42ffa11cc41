/** GeoJSON import of sites: our own export (properties as the site schema, `antennas` array) or an
 *  OpenStreetMap export of masts (`man_made=mast|tower`), mapped to sites with source `import`. */
import { z } from 'zod';
import { AntennaInput, SiteInput, type SiteCreate } from '../../shared/model.js';
import { issueFields, reasonOf, type Rejection } from './report.js';
import type { ParsedSites } from './sites-csv.js';

const OSM_OPERATORS: Array<[RegExp, string]> = [
  [/mci|hamrah|همراه/i, 'mci'],
  [/irancell|mtn|ایرانسل/i, 'irancell'],
  [/rightel|رایتل/i, 'rightel'],
];

/** Maps an OSM mast feature's tags onto the site schema's fields. */
function fromOsm(p: Record<string, unknown>, index: number): Record<string, unknown> {
  const id = String(p['@id'] ?? p.id ?? index + 1).replace(/[^A-Za-z0-9_.-]/g, '-');
  const op = String(p.operator ?? '');
  const height = Number.parseFloat(String(p.height ?? ''));
  const construction = String(p['tower:construction'] ?? '');
  return {
    code: `OSM-${id}`,
    structure_type: construction === 'lattice' ? 'lattice' : construction === 'guyed_tube' || construction === 'guyed_lattice' ? 'guyed' : construction === 'dish' ? 'rooftop' : p.man_made === 'tower' ? 'lattice' : 'monopole',
    height_m: Number.isFinite(height) && height > 0 ? height : 30,
    owner_operator_id: OSM_OPERATORS.find(([re]) => re.test(op))?.[1] ?? 'towerco',
    status: 'active',
    source: 'import',
  };
}

/** Parses a FeatureCollection of Point features into validated sites. */
export function parseSitesGeoJson(text: string): ParsedSites {
  const out: ParsedSites = { sites: new Map(), rejected: [], rows: 0 };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    out.rejected.push({ line: 1, reason: `not JSON: ${(e as Error).message}`, fields: { file: 'not valid JSON' } });
    return out;
  }
  const fc = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }).safeParse(doc);
  if (!fc.success) {
    out.rejected.push({ line: 1, reason: 'not a GeoJSON FeatureCollection', fields: { type: 'must be FeatureCollection' } });
    return out;
  }
  fc.data.features.forEach((f, i) => {
    out.rows++;
    const line = i + 1; // features are numbered from 1 in the report
    const feat = z
      .object({ type: z.literal('Feature'), geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) }), properties: z.record(z.string(), z.unknown()).nullable() })
      .safeParse(f);
    if (!feat.success) {
      const fields = issueFields(feat.error.issues);
      out.rejected.push({ line, reason: `feature ${line}: ${reasonOf(fields)}`, fields });
      return;
    }
    const props = feat.data.properties ?? {};
    const [lon, lat] = feat.data.geometry.coordinates;
    const isOsm = props.man_made === 'mast' || props.man_made === 'tower';
    const base = isOsm ? fromOsm(props, i) : props;
    const pick = Object.fromEntries(Object.keys(SiteInput.shape).filter((k) => k in base).map((k) => [k, base[k]]));
    const site = SiteInput.safeParse({ source: 'import', ...pick, lon, lat });
    const antennas = z.array(AntennaInput.strict()).max(64).safeParse(isOsm ? [] : (props.antennas ?? []));
    if (!site.success || !antennas.success) {
      const fields = { ...(site.success ? {} : issueFields(site.error.issues)), ...(antennas.success ? {} : issueFields(antennas.error.issues.map((x) => ({ ...x, path: ['antennas', ...x.path] })))) };
      out.rejected.push({ line, code: typeof base.code === 'string' ? base.code : undefined, reason: `feature ${line}: ${reasonOf(fields)}`, fields });
      return;
    }
    const input: SiteCreate = { ...site.data, antennas: antennas.data };
    if (out.sites.has(input.code)) {
      out.rejected.push({ line, code: input.code, reason: `feature ${line}: code ${input.code} repeats feature ${out.sites.get(input.code)!.line}`, fields: { code: 'repeated' } });
      return;
    }
    out.sites.set(input.code, { line, input });
  });
  return out;
}
