/** Search by mast code (GET /api/sites?q=), operator (sets the filter) or district name (flies to it).
 *  Persian and Arabic digits and letter forms match their Latin and Persian equivalents. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Operator } from '../../../shared/model.js';
import { api, ApiError, isAbort, type SiteFeature, type ZoneFeature } from '../api.js';
import { useI18n } from '../i18n/i18n.js';

/** Folds digits to ASCII, Arabic yeh and kaf to Persian, case and spacing away, for matching. */
export function foldSearchText(s: string): string {
  return s
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/\u064A/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9')
    .replace(/[\u200c\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

type Result =
  | { kind: 'site'; key: string; label: string; feature: SiteFeature }
  | { kind: 'operator'; key: string; label: string; operator: Operator }
  | { kind: 'district'; key: string; label: string; zone: ZoneFeature };

interface Props {
  operators: readonly Operator[];
  districts: readonly ZoneFeature[];
  onSite(feature: SiteFeature): void;
  onOperator(id: string): void;
  onDistrict(zone: ZoneFeature): void;
}

/** The search form and its results. */
export function SearchBox({ operators, districts, onSite, onOperator, onDistrict }: Props) {
  const { t, name } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [sites, setSites] = useState<SiteFeature[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Typing settles for 300 ms before a search; submitting searches at once.
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(foldSearchText(text)), 300);
    return () => window.clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    setSites([]);
    setError(null);
    if (query.length < 2) return;
    const ac = new AbortController();
    setBusy(true);
    api.sites({ q: query, limit: 10 }, ac.signal).then(
      (fc) => {
        setSites(fc.features);
        setBusy(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setBusy(false);
        setError(e instanceof ApiError ? e.message : String(e));
      },
    );
    return () => ac.abort();
  }, [query]);

  const matches = (...names: string[]) => query.length > 0 && names.some((n) => foldSearchText(n).includes(query));
  const results: Result[] = query
    ? [
        ...operators.filter((o) => matches(o.name_fa, o.name_en, o.id)).map((o): Result => ({ kind: 'operator', key: `o${o.id}`, label: name(o), operator: o })),
        ...districts.filter((d) => matches(d.properties.name_fa, d.properties.name_en)).map((d): Result => ({ kind: 'district', key: `d${d.properties.id}`, label: name(d.properties), zone: d })),
        ...sites.map((f): Result => ({ kind: 'site', key: `s${f.properties.id}`, label: f.properties.code, feature: f })),
      ]
    : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(foldSearchText(text));
  };

  const choose = (r: Result) => {
    if (r.kind === 'site') onSite(r.feature);
    else if (r.kind === 'operator') onOperator(r.operator.id);
    else onDistrict(r.zone);
  };

  return (
    <section className="panel-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">{t('search.title')}</h2>
      <form role="search" className="search-form" onSubmit={submit}>
        <label htmlFor={`${id}-q`}>{t('search.label')}</label>
        <div className="search-row">
          <input id={`${id}-q`} type="search" name="q" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('search.placeholder')} autoComplete="off" enterKeyHint="search" />
          <button type="submit" className="button">{t('search.submit')}</button>
        </div>
      </form>
      <div aria-live="polite" className="search-status">
        {busy ? <p className="muted">{t('search.searching')}</p> : null}
        {error ? <p className="error">{t('search.error', { message: error })}</p> : null}
        {query && !busy && !error && results.length === 0 ? <p className="muted">{t('search.noResults')}</p> : null}
      </div>
      {results.length > 0 ? (
        <ul className="search-results" aria-label={t('search.results')}>
          {results.map((r) => (
            <li key={r.key}>
              <button type="button" className="list-button" onClick={() => choose(r)}>
                <span className="result-kind">{t(`search.kind.${r.kind}`)}</span>
                <bdi>{r.label}</bdi>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
