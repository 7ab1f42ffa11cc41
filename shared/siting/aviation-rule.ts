/** aviation: the top of the structure must stay below every obstacle limitation surface (DOMAIN.md section 6). */
import { checkObstacle } from '../aviation.js';
import type { SitingContext, SitingInput } from './request.js';
import type { RuleResult } from './rule-result.js';
import { enNumber, faNumber } from './wording.js';

const SURFACE_FA = {
  inner_horizontal: 'سطح افقی داخلی',
  conical: 'سطح مخروطی',
  approach: 'سطح تقرب',
  transitional: 'سطح انتقالی',
  strip: 'نوار باند',
} as const;
const SURFACE_EN = {
  inner_horizontal: 'inner horizontal surface',
  conical: 'conical surface',
  approach: 'approach surface',
  transitional: 'transitional surface',
  strip: 'runway strip',
} as const;

/** Fails when the structure's top penetrates the governing ICAO Annex 14 surface; passes outside all surfaces. */
export function checkAviation(input: SitingInput, ctx: SitingContext): RuleResult {
  const rule = ctx.policy.rules.aviation;
  const o = checkObstacle(ctx.aerodromes, { lon: input.lon, lat: input.lat, heightM: input.height_m, groundElevationM: input.ground_elevation_m });
  if (!o) {
    return {
      rule: 'aviation', status: 'pass', measured: null, limit: null, unit: 'm AMSL', related: [],
      message: { fa: 'محل زیر هیچ سطح محدودیت موانع فرودگاهی نیست.', en: 'The point lies under no aerodrome obstacle limitation surface.' },
    };
  }
  const surface = { fa: `${SURFACE_FA[o.surface]} ${o.runway}`, en: `${SURFACE_EN[o.surface]} (${o.runway})` };
  const assumed = o.ground_elevation_assumed
    ? { fa: ` ارتفاع زمین معلوم نبود و برابر ارتفاع فرودگاه (${faNumber(o.ground_elevation_m)} متر) فرض شد.`, en: ` The ground elevation was unknown; the aerodrome elevation (${enNumber(o.ground_elevation_m)} m) was assumed.` }
    : { fa: '', en: '' };
  const penetrates = o.clearance_m < 0;
  const gap = { fa: faNumber(Math.abs(o.clearance_m)), en: enNumber(Math.abs(o.clearance_m)) };
  return {
    rule: 'aviation',
    status: penetrates ? rule.status : 'pass',
    measured: o.top_m_amsl,
    limit: o.limit_m_amsl,
    unit: 'm AMSL',
    related: [{ type: 'aerodrome', id: o.aerodrome_ident, name: o.aerodrome_name, surface: o.surface, runway: o.runway, distance_m: o.strip_distance_m }],
    message: {
      fa: `بالای سازه به ${faNumber(o.top_m_amsl)} متر از سطح دریا می‌رسد و حد ${surface.fa} فرودگاه ${o.aerodrome_name} (${o.aerodrome_ident}) ${faNumber(o.limit_m_amsl)} متر است؛ ${penetrates ? `سازه ${gap.fa} متر از این سطح بالاتر می‌رود.` : `${gap.fa} متر فاصله تا این سطح باقی است.`}${assumed.fa}`,
      en: `The top of the structure reaches ${enNumber(o.top_m_amsl)} m AMSL; the ${surface.en} of ${o.aerodrome_name} (${o.aerodrome_ident}) is at ${enNumber(o.limit_m_amsl)} m, ${penetrates ? `penetrated by ${gap.en} m` : `${gap.en} m above it`}.${assumed.en}`,
    },
  };
}
