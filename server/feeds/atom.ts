/** Atom 1.0 (RFC 4287) documents from entries of any source, with GeoRSS-Simple points, and the
 *  merge of several sources into one area feed (concerns now; proposed sites can join later). */

/** One entry, whatever it reports. */
export interface FeedEntry {
  /** A permanent IRI: the entry's page URL. */
  id: string;
  title: string;
  link: string;
  published: string;
  updated: string;
  summary: string;
  categories: string[];
  lon: number;
  lat: number;
}

/** A circle on the map that a feed covers. */
export interface Area {
  lon: number;
  lat: number;
  radiusM: number;
}

/** Something that can report entries within an area, newest first, at most `limit`. */
export type FeedSource = (area: Area, limit: number, origin: string) => FeedEntry[];

/** Entries of every source, newest update first, at most `limit` in all. */
export function areaEntries(sources: readonly FeedSource[], area: Area, limit: number, origin: string): FeedEntry[] {
  return sources
    .flatMap((source) => source(area, limit, origin))
    .sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id))
    .slice(0, limit);
}

// eslint-disable-next-line no-control-regex
const esc = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The Atom document: `updated` is the newest entry's, or `fallbackUpdated` when there are none. */
export function atomFeed(feed: { id: string; title: string; self: string; alternate: string; fallbackUpdated: string; entries: readonly FeedEntry[] }): string {
  const updated = feed.entries.reduce((m, e) => (e.updated > m ? e.updated : m), feed.entries.length ? '' : feed.fallbackUpdated);
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${esc(e.id)}</id>
    <title>${esc(e.title)}</title>
    <link rel="alternate" type="text/html" href="${esc(e.link)}"/>
    <published>${esc(e.published)}</published>
    <updated>${esc(e.updated)}</updated>
${e.categories.map((c) => `    <category term="${esc(c)}"/>\n`).join('')}    <summary type="text">${esc(e.summary)}</summary>
    <georss:point>${e.lat} ${e.lon}</georss:point>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss" xml:lang="fa">
  <id>${esc(feed.id)}</id>
  <title>${esc(feed.title)}</title>
  <link rel="self" type="application/atom+xml" href="${esc(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${esc(feed.alternate)}"/>
  <updated>${esc(updated)}</updated>
  <author><name>Dakal — Karaj</name></author>
${entries.join('')}</feed>
`;
}
