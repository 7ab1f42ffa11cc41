/** Before a concern is sent: the open concerns of the same kind within 50 m, each with "me too",
 *  and the choice to send one's own anyway (FixMyStreet's habit: one report gathers its neighbours). */
import { useEffect, useRef } from 'react';
import { CATEGORY_NAMES, DUPLICATE_RADIUS_M, STATUS_NAMES } from '../../../shared/concerns.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import type { NearbyConcern } from './concerns-api.js';
import { countKey, dateOnly, displayCode } from './format.js';

interface Props {
  items: readonly NearbyConcern[];
  busyCode: string | null;
  onMeToo(code: string): void;
  onFileAnyway(): void;
}

/** The offer of "me too" instead of a duplicate. */
export function NearbyOffer({ items, busyCode, onMeToo, onFileAnyway }: Props) {
  const { t, lang, num } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="nearby-offer" aria-labelledby="nearby-title" data-testid="nearby-offer">
      <h3 id="nearby-title" ref={heading} tabIndex={-1}>
        {t('concerns.nearby.title', { count: items.length, radius: DUPLICATE_RADIUS_M })}
      </h3>
      <p>{t('concerns.nearby.help')}</p>
      <ul className="nearby-list">
        {items.map((c) => (
          <li key={c.code} className="nearby-item" data-code={c.code}>
            <p className="nearby-head">
              <span className="category-name">{CATEGORY_NAMES[c.category][lang]}</span>
              <span className="badge">{STATUS_NAMES[c.status][lang]}</span>
            </p>
            <p className="list-meta">
              {t('concerns.nearby.meta', { distance: num(c.distance_m, 0), supporters: t(countKey('concerns.queue.supporters', c.supporters), { count: num(c.supporters) }), date: dateOnly(c.created_at, lang) })}
            </p>
            {c.description ? <p className="nearby-text" dir="auto">{c.description.length > 240 ? `${c.description.slice(0, 240)}…` : c.description}</p> : null}
            <div className="nearby-actions">
              <button type="button" className="button" disabled={busyCode !== null} aria-busy={busyCode === c.code} onClick={() => onMeToo(c.code)}>
                {t('concerns.nearby.meToo')}
              </button>
              <Link href={`/concerns/${c.code}`} className="button secondary" aria-label={t('concerns.nearby.viewLabel', { code: displayCode(c.code, lang) })}>
                {t('concerns.nearby.view')}
              </Link>
            </div>
          </li>
        ))}
      </ul>
      <button type="button" className="button secondary concern-wide" disabled={busyCode !== null} onClick={onFileAnyway} data-testid="file-anyway">
        {t('concerns.nearby.fileAnyway')}
      </button>
    </section>
  );
}
