/** GeoJSON import of planning districts (replacing the synthetic ones) and of sensitive places
 *  (our own export, or an OpenStreetMap export of amenity=school|kindergarten|hospital|clinic). */
import { kinks } from '@turf/turf';
import { z } from 'zod';
import { SENSITIVE_KINDS, type SensitiveKind, type SensitivePlace } from '../../shared/model.js';
import { issueFields, reasonOf, type Rejection } from './report.js';

const Position = z.tuple([z.number().finite().gte(-180).lte(180), z.number().finite().gte(-90).lte(90)]).rest(z.number().finite());
const Ring = z.array(Position).min(4).refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1], 'ring must be closed');
const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
const MultiPolygon = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) });
const PointGeom = z.object({ type: z.literal('Point'), coordinates: Position });
const Area = z.union([Polygon, MultiPolygon]);

export interface NamedArea {
  line: number;
  name_fa: string;
  name_en: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

function features(text: string, rejected: Rejection[]): unknown[] | null {
  try {
    const doc = JSON.parse(text) as { type?: unknown; features?: unknown };
    if (doc?.type === 'FeatureCollection' && Array.isArray(doc.features)) return doc.features;
    rejected.push({ line: 1, reason: 'not a GeoJSON FeatureCollection', fields: { type: 'must be FeatureCollection' } });
  } catch (e) {
    rejected.push({ line: 1, reason: `not JSON: ${(e as Error).message}`, fields: { file: 'not valid JSON' } });
  }
  return null;
}

const names = (p: Record<string, unknown>, fallback: string) => {
  const fa = p.name_fa ?? p['name:fa'] ?? p.name ?? fallback;
  const en = p.name_en ?? p['name:en'] ?? p.name ?? fallback;
  return { name_fa: String(fa).slice(0, 200), name_en: String(en).slice(0, 200) };
};

/** Parses district polygons; self-intersecting rings are rejected. */
export function parseDistricts(text: string): { areas: NamedArea[]; rejected: Rejection[]; rows: number } {
  const out = { areas: [] as NamedArea[], rejected: [] as Rejection[], rows: 0 };
  const fs = features(text, out.rejected);
  if (!fs) return out;
  fs.forEach((f, i) => {
    out.rows++;
    const line = i + 1;
    const r = z.object({ type: z.literal('Feature'), geometry: Area, properties: z.record(z.string(), z.unknown()).nullable() }).safeParse(f);
    if (!r.success) {
      const fields = issueFields(r.error.issues);
      out.rejected.push({ line, reason: `feature ${line}: ${reasonOf(fields)}`, fields });
      return;
    }
    const geometry = r.data.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    if (kinks(geometry).features.length > 0) {
      out.rejected.push({ line, reason: `feature ${line}: the polygon crosses itself`, fields: { geometry: 'self-intersecting' } });
      return;
    }
    out.areas.push({ line, ...names(r.data.properties ?? {}, `District ${line}`), geometry });
  });
  return out;
}

const OSM_KIND: Record<string, SensitiveKind> = { kindergarten: 'kindergarten', school: 'school', hospital: 'hospital', clinic: 'clinic', doctors: 'clinic', nursing_home: 'elderly_care' };

/** Parses sensitive places (points or polygons); the kind comes from `kind` or OSM's `amenity`. */
export function parsePlaces(text: string): { places: Array<Omit<SensitivePlace, 'id'> & { line: number }>; rejected: Rejection[]; rows: number } {
  const out = { places: [] as Array<Omit<SensitivePlace, 'id'> & { line: number }>, rejected: [] as Rejection[], rows: 0 };
  const fs = features(text, out.rejected);
  if (!fs) return out;
  fs.forEach((f, i) => {
    out.rows++;
    const line = i + 1;
    const r = z.object({ type: z.literal('Feature'), geometry: z.union([PointGeom, Polygon]), properties: z.record(z.string(), z.unknown()).nullable() }).safeParse(f);
    if (!r.success) {
      const fields = issueFields(r.error.issues);
      out.rejected.push({ line, reason: `feature ${line}: ${reasonOf(fields)}`, fields });
      return;
    }
    const p = r.data.properties ?? {};
    const raw = String(p.kind ?? p.amenity ?? (p.social_facility === 'nursing_home' ? 'nursing_home' : ''));
    const kind = (SENSITIVE_KINDS as readonly string[]).includes(raw) ? (raw as SensitiveKind) : OSM_KIND[raw];
    if (!kind) {
      out.rejected.push({ line, reason: `feature ${line}: kind must be one of ${SENSITIVE_KINDS.join(', ')} (or an OSM amenity)`, fields: { kind: 'unknown kind' } });
      return;
    }
    const geometry = r.data.geometry as GeoJSON.Point | GeoJSON.Polygon;
    if (geometry.type === 'Polygon' && kinks(geometry).features.length > 0) {
      out.rejected.push({ line, reason: `feature ${line}: the polygon crosses itself`, fields: { geometry: 'self-intersecting' } });
      return;
    }
    out.places.push({ line, kind, ...names(p, `${kind} ${line}`), geometry, source: String(p.source ?? 'import').slice(0, 60) });
  });
  return out;
}
