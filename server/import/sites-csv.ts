/** The registry's own CSV: one row per antenna; rows of one site share its code and its site columns. */
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { AntennaInput, SiteInput, type SiteCreate } from '../../shared/model.js';
import { issueFields, reasonOf, type Rejection } from './report.js';

/** The documented columns, in order (README "Import formats"). */
export const SITE_CSV_COLUMNS = [
  'site_code', 'lon', 'lat', 'structure_type', 'height_m', 'owner_operator', 'permit_no', 'status', 'installed_on', 'permit_date',
  'source', 'verified', 'ground_elevation_m', 'address',
  'antenna_operator', 'technology', 'frequency_mhz', 'eirp_w', 'azimuth_deg', 'tilt_deg', 'antenna_height_m', 'power_reduction',
] as const;
const REQUIRED = ['site_code', 'lon', 'lat', 'structure_type', 'height_m', 'owner_operator'];
const SITE_FIELDS = SITE_CSV_COLUMNS.slice(0, 14);

export interface ParsedSites {
  sites: Map<string, { line: number; input: SiteCreate }>;
  rejected: Rejection[];
  rows: number;
}

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s.trim()));
const str = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

/** Streams a site CSV into validated sites; bad rows become rejections with their line numbers. */
export async function parseSitesCsv(input: Readable): Promise<ParsedSites> {
  const out: ParsedSites = { sites: new Map(), rejected: [], rows: 0 };
  const siteKey = new Map<string, string>();
  const parser = input.pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, info: true, max_record_size: 100_000, relax_column_count: false }));
  let checkedHeader = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!checkedHeader) {
        const missing = REQUIRED.filter((c) => !(c in record));
        const unknown = Object.keys(record).filter((c) => !(SITE_CSV_COLUMNS as readonly string[]).includes(c));
        if (missing.length || unknown.length) {
          out.rejected.push({ line: 1, reason: `header: ${missing.length ? `missing ${missing.join(', ')}` : ''}${unknown.length ? ` unknown ${unknown.join(', ')}` : ''}`.trim(), fields: { header: 'does not match the documented columns' } });
          return out;
        }
        checkedHeader = true;
      }
      out.rows++;
      const line = info.lines;
      const code = (record.site_code ?? '').trim();
      const site = SiteInput.safeParse({
        code,
        lon: num(record.lon),
        lat: num(record.lat),
        structure_type: str(record.structure_type),
        height_m: num(record.height_m),
        owner_operator_id: str(record.owner_operator),
        permit_no: str(record.permit_no),
        status: str(record.status) ?? undefined,
        installed_on: str(record.installed_on),
        permit_date: str(record.permit_date),
        source: str(record.source) ?? 'import',
        verified: ['1', 'true', 'yes'].includes((record.verified ?? '').trim().toLowerCase()),
        ground_elevation_m: num(record.ground_elevation_m),
        address: str(record.address),
      });
      const hasAntenna = str(record.antenna_operator) !== null;
      const antenna = hasAntenna
        ? AntennaInput.strict().safeParse({
            operator_id: str(record.antenna_operator),
            technology: str(record.technology),
            frequency_mhz: num(record.frequency_mhz),
            eirp_w: num(record.eirp_w),
            azimuth_deg: num(record.azimuth_deg),
            tilt_deg: num(record.tilt_deg),
            height_m: num(record.antenna_height_m),
            power_reduction: num(record.power_reduction) ?? 1,
          })
        : null;
      const fields = {
        ...(site.success ? {} : issueFields(site.error.issues)),
        ...(antenna && !antenna.success ? Object.fromEntries(Object.entries(issueFields(antenna.error.issues)).map(([k, v]) => [`antenna.${k}`, v])) : {}),
      };
      if (!site.success || (antenna && !antenna.success)) {
        out.rejected.push({ line, code, reason: reasonOf(fields), fields });
        continue;
      }
      const key = SITE_FIELDS.map((c) => (record[c] ?? '').trim()).join('\u0001');
      const known = out.sites.get(code);
      if (known) {
        if (siteKey.get(code) !== key) {
          out.rejected.push({ line, code, reason: `site columns differ from line ${known.line} of the same site code`, fields: { site_code: `conflicts with line ${known.line}` } });
          continue;
        }
        if (antenna?.success) known.input.antennas.push(antenna.data);
      } else {
        siteKey.set(code, key);
        out.sites.set(code, { line, input: { ...site.data, antennas: antenna?.success ? [antenna.data] : [] } });
      }
    }
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    out.rejected.push({ line: e.lines ?? out.rows + 1, reason: `CSV syntax: ${e.message ?? 'unreadable'}`, fields: { file: 'not valid CSV' } });
  }
  return out;
}
