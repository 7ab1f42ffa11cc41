/** For a change or a colocation: the existing structure the request is about, found by its code
 *  (GET /api/sites?q=); its location, type and height then come from the registry. */
import { useId, useState, type FormEvent } from 'react';
import { api, type SiteFeature } from '../api.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  chosen: string | null;
  onChoose(site: SiteFeature): void;
}

/** A code search with its results as buttons. */
export function SitePicker({ chosen, onChoose }: Props) {
  const { t, num } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<SiteFeature[] | null>(null);

  const find = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!q.trim()) return;
    try {
      setFound((await api.sites({ q: q.trim(), limit: 8 })).features);
    } catch {
      setFound([]);
    }
  };

  return (
    <div className="site-picker">
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('requests.form.siteCode')}</label>
        <div className="search-row">
          <input id={`${id}-q`} name="site_q" dir="ltr" value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void find(e)} />
          <button type="button" className="button secondary" onClick={() => void find()}>
            {t('requests.form.siteFind')}
          </button>
        </div>
      </div>
      {chosen ? <p>{t('requests.form.siteChosen', { code: chosen })}</p> : <p className="muted">{t('requests.form.siteNeeded')}</p>}
      {found !== null && found.length === 0 ? <p className="muted">{t('requests.form.siteNone')}</p> : null}
      {found && found.length > 0 ? (
        <ul className="plain-list">
          {found.map((f) => (
            <li key={f.properties.id}>
              <button type="button" className="list-button" onClick={() => onChoose(f)}>
                <bdi>{f.properties.code}</bdi> · {t(`structure.${f.properties.structure_type}`)} · {t('unit.metres', { value: num(f.properties.height_m, 1) })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
