/** Import (raw file body, streamed) and export (streamed in id order, public fields only). */
import type { Response, Router } from 'express';
import { Transform } from 'node:stream';
import { once } from 'node:events';
import * as api from '../../shared/api/registry.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import { mount } from '../http/route.js';
import { runImport } from '../import/run.js';
import { siteFeature, type SiteRow } from '../store/sites.js';
import { SITE_CSV_COLUMNS } from '../import/sites-csv.js';
import type { Antenna } from '../../shared/model.js';

const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const PAGE = 2000;

/** Counts bytes and fails the stream past `max`. */
function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > max) cb(new HttpError(413, 'payload_too_large', `The file is larger than ${max / 1024 / 1024} MB`));
      else cb(null, chunk);
    },
  });
}

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const xml = (v: unknown) => String(v ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Mounts import and export. */
export function transferRoutes(r: Router, ctx: Ctx): void {
  mount(r, api.importFile, async ({ query, req, res, user }) => {
    const body = req.pipe(limitBytes(MAX_IMPORT_BYTES));
    try {
      return await runImport(ctx, query.format, query.dry_run, body, { id: user!.id, name: user!.username });
    } finally {
      // A parser may stop at the first bad line; bytes left unread would be parsed as the next request on this
      // keep-alive connection (the fuzz test saw resets), so read them off the wire, or close after a 413.
      if (!req.complete) {
        req.unpipe(body);
        if (req.errored || body.errored) res.setHeader('Connection', 'close');
        else req.resume();
      }
    }
  });

  const antennasOf = ctx.db.prepare('SELECT * FROM antennas WHERE site_id BETWEEN ? AND ? ORDER BY site_id, id');
  const page = ctx.db.prepare('SELECT * FROM sites WHERE id > ? ORDER BY id LIMIT ?');

  /** Streams every site page by page so memory stays flat whatever the registry's size. */
  async function stream(res: Response, write: (row: SiteRow, antennas: Antenna[], first: boolean) => string): Promise<void> {
    let cursor = 0;
    let first = true;
    for (;;) {
      const rows = page.all(cursor, PAGE) as SiteRow[];
      if (rows.length === 0) break;
      const ants = antennasOf.all(rows[0]!.id, rows.at(-1)!.id) as Antenna[];
      const bySite = new Map<number, Antenna[]>();
      for (const a of ants) (bySite.get(a.site_id) ?? bySite.set(a.site_id, []).get(a.site_id)!).push(a);
      let chunk = '';
      for (const row of rows) {
        chunk += write(row, bySite.get(row.id) ?? [], first);
        first = false;
      }
      cursor = rows.at(-1)!.id;
      if (!res.write(chunk)) await once(res, 'drain');
    }
  }

  mount(r, api.exportSites, async ({ params, res }) => {
    const stamp = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Disposition', `attachment; filename="dakal-sites-${stamp}.${params.format}"`);
    if (params.format === 'geojson') {
      res.type('application/geo+json');
      res.write('{"type":"FeatureCollection","features":[\n');
      await stream(res, (row, antennas, first) => (first ? '' : ',\n') + JSON.stringify(siteFeature(row, { antennas })));
      res.end('\n]}\n');
    } else if (params.format === 'csv') {
      res.type('text/csv; charset=utf-8');
      res.write('\ufeff' + SITE_CSV_COLUMNS.join(',') + '\n');
      await stream(res, (row, antennas) => {
        const site = [row.code, row.lon, row.lat, row.structure_type, row.height_m, row.owner_operator_id, row.permit_no, row.status, row.installed_on, row.permit_date, row.source, row.verified, row.ground_elevation_m, row.address];
        const lines = antennas.length
          ? antennas.map((a) => [...site, a.operator_id, a.technology, a.frequency_mhz, a.eirp_w, a.azimuth_deg, a.tilt_deg, a.height_m, a.power_reduction])
          : [[...site, '', '', '', '', '', '', '', '']];
        return lines.map((l) => l.map(csvCell).join(',')).join('\n') + '\n';
      });
      res.end();
    } else {
      res.type('application/vnd.google-earth.kml+xml');
      res.write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Dakal sites</name>\n');
      await stream(res, (row) => {
        const p = siteFeature(row).properties;
        const data = (['code', 'structure_type', 'height_m', 'owner_operator_id', 'status', 'permit_no'] as const)
          .map((k) => `<Data name="${k}"><value>${xml(p[k])}</value></Data>`)
          .join('');
        return `<Placemark><name>${xml(row.code)}</name><description>${xml(`${p.operators.join(', ')} · ${row.structure_type} ${row.height_m} m · ${row.status}`)}</description><ExtendedData>${data}<Data name="operators"><value>${xml(p.operators.join(','))}</value></Data></ExtendedData><Point><coordinates>${row.lon},${row.lat},0</coordinates></Point></Placemark>\n`;
      });
      res.end('</Document></kml>\n');
    }
    return undefined;
  });
}
