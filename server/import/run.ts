/** Runs an import: parse and validate every row, then write all of it in one transaction or nothing. */
import type { Readable } from 'node:stream';
import type { Ctx } from '../context.js';
import type { Actor } from '../store/audit.js';
import { parseDistricts, parsePlaces } from './areas-geojson.js';
import { parseOpenCellId, storeCells } from './opencellid.js';
import type { ImportReport, Rejection } from './report.js';
import { parseSitesCsv, type ParsedSites } from './sites-csv.js';
import { parseSitesGeoJson } from './sites-geojson.js';

import type { IMPORT_FORMATS } from '../../shared/api/registry.js';
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const MAX_JSON_BYTES = 200 * 1024 * 1024;

async function readText(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of input) {
    size += (c as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new Error('file larger than 200 MB');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Rejects sites whose operators are unknown. */
function checkOperators(ctx: Ctx, parsed: ParsedSites): void {
  const known = new Set(ctx.db.prepare('SELECT id FROM operators').pluck().all() as string[]);
  for (const [code, { line, input }] of parsed.sites) {
    const bad: Record<string, string> = {};
    if (!known.has(input.owner_operator_id)) bad.owner_operator = `unknown operator ${input.owner_operator_id}`;
    input.antennas.forEach((a, i) => {
      if (!known.has(a.operator_id)) bad[`antenna.${i}.operator_id`] = `unknown operator ${a.operator_id}`;
    });
    if (Object.keys(bad).length) {
      parsed.rejected.push({ line, code, reason: Object.values(bad).join('; '), fields: bad });
      parsed.sites.delete(code);
    }
  }
}

/** Parses `input` as `format` and, unless `dryRun` or any row is rejected, applies it atomically. */
export async function runImport(ctx: Ctx, format: ImportFormat, dryRun: boolean, input: Readable, actor: Actor): Promise<ImportReport> {
  const report: ImportReport = { format, dry_run: dryRun, applied: false, rows: 0, accepted: [], updated: [], rejected: [] };
  const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
  const finish = (rejected: Rejection[]) => {
    report.rejected = rejected.sort(byLine);
    report.accepted.sort(byLine);
    report.updated.sort(byLine);
    return report;
  };
  const now = new Date().toISOString();

  if (format === 'opencellid') {
    const parsed = await parseOpenCellId(input);
    report.rows = parsed.rows;
    const code = (l: number) => ({ line: l, code: `line ${l}` });
    if (parsed.rejected.length || dryRun) {
      const exists = ctx.db.prepare('SELECT 1 FROM observed_cells WHERE radio = ? AND mcc = ? AND net = ? AND area = ? AND cell = ?').pluck();
      for (const { line, cell } of parsed.cells.values()) (exists.get(cell.radio, cell.mcc, cell.net, cell.area, cell.cell) ? report.updated : report.accepted).push(code(line));
      return finish(parsed.rejected);
    }
    const res = ctx.db.transaction(() => {
      const r = storeCells(ctx.db, parsed.cells.values(), now);
      ctx.audit.record(actor, 'import', 'observed_cells', null, null, { rows: parsed.rows, inserted: r.inserted.length, updated: r.updated.length }, now);
      return r;
    })();
    report.accepted = res.inserted.map(code);
    report.updated = res.updated.map(code);
    report.applied = true;
    return finish([]);
  }

  if (format === 'districts' || format === 'places') {
    const text = await readText(input);
    const parsed = format === 'districts' ? parseDistricts(text) : parsePlaces(text);
    report.rows = parsed.rows;
    const items = 'areas' in parsed ? parsed.areas : parsed.places;
    report.accepted = items.map((a) => ({ line: a.line, code: a.name_en }));
    if (parsed.rejected.length || dryRun || items.length === 0) return finish(parsed.rejected);
    ctx.sites.bulk(
      () => {
        if ('areas' in parsed) {
          ctx.db.prepare('UPDATE sites SET district_id = NULL').run();
          ctx.db.prepare("DELETE FROM zones WHERE kind = 'district'").run();
          for (const a of parsed.areas) ctx.places.insertZone({ kind: 'district', name_fa: a.name_fa, name_en: a.name_en, geometry: a.geometry, source: 'import' });
          ctx.places.loadDistricts();
          const setDistrict = ctx.db.prepare('UPDATE sites SET district_id = ? WHERE id = ?');
          for (const s of ctx.db.prepare('SELECT id, lon, lat FROM sites').all() as Array<{ id: number; lon: number; lat: number }>) {
            const d = ctx.places.districtOf(s.lon, s.lat);
            if (d !== null) setDistrict.run(d, s.id);
          }
        } else {
          for (const { line: _, ...p } of parsed.places) ctx.places.insertPlace(p);
        }
        ctx.audit.record(actor, 'import', format, null, null, { rows: parsed.rows }, now);
      },
      () => [],
    );
    if ('areas' in parsed) ctx.places.loadDistricts();
    report.applied = true;
    return finish([]);
  }

  const parsed = format === 'csv' ? await parseSitesCsv(input) : parseSitesGeoJson(await readText(input));
  report.rows = parsed.rows;
  checkOperators(ctx, parsed);
  const plan = [...parsed.sites.values()].map(({ line, input: site }) => ({ line, site, existing: ctx.sites.getByCode(site.code) }));
  for (const p of plan) (p.existing ? report.updated : report.accepted).push({ line: p.line, code: p.site.code });
  if (parsed.rejected.length || dryRun || plan.length === 0) return finish(parsed.rejected);
  const changed: number[] = [];
  ctx.sites.bulk(
    () => {
      for (const p of plan) {
        if (p.existing) {
          ctx.sites.replaceBulk(p.existing.id, p.site, now);
          changed.push(p.existing.id);
        } else changed.push(ctx.sites.insertBulk(p.site, now));
      }
      ctx.audit.record(actor, 'import', 'sites', null, null, { format, rows: parsed.rows, accepted: report.accepted.length, updated: report.updated.length }, now);
    },
    () => changed,
  );
  report.applied = true;
  return finish([]);
}
