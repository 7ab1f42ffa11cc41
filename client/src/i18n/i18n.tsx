/** The current language: Persian (default, right-to-left) or English; message lookup, number and
 *  date formatting in that language, remembered in localStorage and mirrored on `<html dir lang>`. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.js';
import { fa, type MessageKey, type Messages } from './fa.js';

export type Lang = 'fa' | 'en';
const STORAGE_KEY = 'dakal.lang';
const MESSAGES: Record<Lang, Messages> = { fa, en };
// en-GB: day-month-year; fa-IR: Persian digits and the Solar Hijri calendar.
const LOCALE: Record<Lang, string> = { fa: 'fa-IR', en: 'en-GB' };

type Vars = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  setLang(lang: Lang): void;
  /** The message for `key` with `{name}` placeholders filled; numbers are formatted for the language. */
  t(key: MessageKey, vars?: Vars): string;
  /** A number in the language's digits, with at most `maxFraction` decimals. */
  num(value: number, maxFraction?: number): string;
  /** An ISO date (YYYY-MM-DD) in the language's calendar, or null when there is none. */
  date(iso: string | null): string | null;
  /** Items joined as a list in the language ("a, b and c" / "a، b و c"). */
  list(items: readonly string[]): string;
  /** Picks the `name_fa` or `name_en` of a record. */
  name(record: { name_fa: string; name_en: string }): string;
}

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fa';
  } catch {
    return 'fa';
  }
}

const Ctx = createContext<I18n | null>(null);

/** Provides the language to the app and keeps `<html dir lang>` and the title in step. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = MESSAGES[lang];
    const numberFormats = new Map<number, Intl.NumberFormat>();
    const numFmt = (maxFraction: number) => {
      let f = numberFormats.get(maxFraction);
      if (!f) numberFormats.set(maxFraction, (f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: maxFraction })));
      return f;
    };
    const dateFmt = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeZone: 'UTC' });
    const num = (value: number, maxFraction = 0) => numFmt(maxFraction).format(value);
    const listFmt = new Intl.ListFormat(LOCALE[lang], { style: 'long', type: 'conjunction' });
    return {
      lang,
      dir: lang === 'fa' ? 'rtl' : 'ltr',
      setLang,
      num,
      t: (key, vars) => {
        const text: string = messages[key];
        if (!vars) return text;
        return text.replace(/\{(\w+)\}/g, (m, k: string) => {
          const v = vars[k];
          return v === undefined ? m : typeof v === 'number' ? num(v, 1) : v;
        });
      },
      date: (iso) => {
        if (!iso) return null;
        const d = new Date(`${iso}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
      },
      list: (items) => listFmt.format(items),
      name: (r) => (lang === 'fa' ? r.name_fa : r.name_en),
    };
  }, [lang, setLang]);

  useEffect(() => {
    const html = document.documentElement;
    html.lang = lang;
    html.dir = value.dir;
    document.title = `${value.t('app.name')}: ${value.t('app.tagline')}`;
  }, [lang, value]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The current language and its formatters. */
export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside LanguageProvider');
  return v;
}
