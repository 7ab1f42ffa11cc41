/** Area feeds: Atom 1.0 of what is new in a circle. Each kind of news is a FeedSource; concerns are the
 *  first, and proposed sites join by passing their source to feedRoutes. */
import type { Router } from 'express';
import { areaFeed } from '../../shared/api/concerns.js';
import { CATEGORY_NAMES, STATUS_NAMES } from '../../shared/concerns.js';
import type { Ctx } from '../context.js';
import { areaEntries, atomFeed, type FeedSource } from '../feeds/atom.js';
import { mount } from '../http/route.js';

/** Entries per feed. */
const FEED_LIMIT = 50;

/** Concerns in the area as entries: public fields only (category, state, supporters, the text unless hidden). */
export function concernFeedSource(ctx: Ctx): FeedSource {
  return (area, limit, origin) =>
    ctx.concernSearch.inCircle(area.lon, area.lat, area.radiusM, 'all', null, limit).map(({ row, distanceM }) => {
      const cat = CATEGORY_NAMES[row.category];
      const st = STATUS_NAMES[row.status];
      const text = row.hidden_at ? '' : ` — ${row.description.slice(0, 500)}`;
      return {
        id: `${origin}/concerns/${row.code}`,
        title: `${cat.fa} · ${cat.en} (${st.fa} · ${st.en})`,
        link: `${origin}/concerns/${row.code}`,
        published: row.created_at,
        updated: row.updated_at,
        summary: `${Math.round(distanceM)} m · ${row.supporters} supporters · ${st.en}${text}`,
        categories: ['concern', row.category, row.status],
        lon: row.lon,
        lat: row.lat,
      };
    });
}

/** Mounts GET /feeds/area.atom over the concern source and any `more` sources. */
export function feedRoutes(r: Router, ctx: Ctx, more: readonly FeedSource[] = []): void {
  const sources: FeedSource[] = [concernFeedSource(ctx), ...more];
  mount(r, areaFeed, ({ query, req, res }) => {
    const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const area = { lon: query.lon, lat: query.lat, radiusM: query.radius_m };
    const self = `${origin}/feeds/area.atom?lat=${query.lat}&lon=${query.lon}&radius_m=${query.radius_m}`;
    res.type('application/atom+xml; charset=utf-8');
    res.send(
      atomFeed({
        id: self,
        title: `دکل · Dakal: ${query.radius_m} m around ${query.lat.toFixed(5)}, ${query.lon.toFixed(5)}`,
        self,
        alternate: `${origin}/?lat=${query.lat}&lon=${query.lon}`,
        fallbackUpdated: new Date().toISOString(),
        entries: areaEntries(sources, area, FEED_LIMIT, origin),
      }),
    );
    return undefined;
  });
}
