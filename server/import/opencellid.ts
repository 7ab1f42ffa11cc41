/** OpenCelliD cell CSV (CC BY-SA 4.0): each row is an observed cell, kept apart from the permitted registry. */
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { DB } from '../db.js';
import { issueFields, reasonOf, type Rejection } from './report.js';

/** The exact header OpenCelliD publishes (DOMAIN.md section 3). */
export const OPENCELLID_HEADER = 'radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal';

const int = (min: number, max: number) => z.coerce.number().int().gte(min).lte(max);
const optInt = (min: number, max: number) => z.preprocess((v) => (v === '' ? null : v), z.coerce.number().int().gte(min).lte(max).nullable());

export const ObservedCell = z.object({
  radio: z.enum(['GSM', 'UMTS', 'LTE', 'CDMA', 'NR']),
  mcc: int(1, 999),
  net: int(0, 999),
  area: int(0, 2 ** 32),
  cell: int(0, 2 ** 53),
  unit: optInt(-1, 2 ** 31),
  lon: z.coerce.number().finite().gte(-180).lte(180),
  lat: z.coerce.number().finite().gte(-90).lte(90),
  range: optInt(0, 1e8),
  samples: optInt(0, 1e9),
  changeable: optInt(0, 1),
  created: optInt(0, 1e11),
  updated: optInt(0, 1e11),
  averageSignal: optInt(-200, 200),
});
export type ObservedCell = z.infer<typeof ObservedCell>;

/** Streams an OpenCelliD file into validated cells keyed by (radio, mcc, net, area, cell). */
export async function parseOpenCellId(input: Readable): Promise<{ cells: Map<string, { line: number; cell: ObservedCell }>; rejected: Rejection[]; rows: number }> {
  const out = { cells: new Map<string, { line: number; cell: ObservedCell }>(), rejected: [] as Rejection[], rows: 0 };
  const parser = input.pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim()), bom: true, trim: true, skip_empty_lines: true, info: true, max_record_size: 10_000 }));
  let header = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!header) {
        if (Object.keys(record).join(',') !== OPENCELLID_HEADER) {
          out.rejected.push({ line: 1, reason: `header must be exactly ${OPENCELLID_HEADER}`, fields: { header: 'not an OpenCelliD header' } });
          return out;
        }
        header = true;
      }
      out.rows++;
      const r = ObservedCell.safeParse(record);
      if (!r.success) {
        const fields = issueFields(r.error.issues);
        out.rejected.push({ line: info.lines, reason: reasonOf(fields), fields });
        continue;
      }
      const c = r.data;
      out.cells.set(`${c.radio}/${c.mcc}/${c.net}/${c.area}/${c.cell}`, { line: info.lines, cell: c });
    }
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    out.rejected.push({ line: e.lines ?? out.rows + 1, reason: `CSV syntax: ${e.message ?? 'unreadable'}`, fields: { file: 'not valid CSV' } });
  }
  return out;
}

/** Upserts cells in one transaction; returns which keys were new and which replaced an earlier import. */
export function storeCells(db: DB, cells: Iterable<{ line: number; cell: ObservedCell }>, now: string): { inserted: number[]; updated: number[] } {
  const exists = db.prepare('SELECT id FROM observed_cells WHERE radio = ? AND mcc = ? AND net = ? AND area = ? AND cell = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO observed_cells (radio, mcc, net, area, cell, unit, lon, lat, range_m, samples, changeable, created, updated, average_signal, imported_at)
     VALUES (@radio, @mcc, @net, @area, @cell, @unit, @lon, @lat, @range, @samples, @changeable, @created, @updated, @averageSignal, @now)
     ON CONFLICT (radio, mcc, net, area, cell) DO UPDATE SET unit = excluded.unit, lon = excluded.lon, lat = excluded.lat, range_m = excluded.range_m,
       samples = excluded.samples, changeable = excluded.changeable, created = excluded.created, updated = excluded.updated,
       average_signal = excluded.average_signal, imported_at = excluded.imported_at`,
  );
  const inserted: number[] = [];
  const updated: number[] = [];
  for (const { line, cell } of cells) {
    const had = exists.get(cell.radio, cell.mcc, cell.net, cell.area, cell.cell);
    upsert.run({ ...cell, now });
    (had === undefined ? inserted : updated).push(line);
  }
  return { inserted, updated };
}
