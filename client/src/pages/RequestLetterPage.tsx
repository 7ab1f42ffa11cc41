/** `/requests/:id/letter`: the decision letter, printable (requests.css has the print rules), with the
 *  Persian text right-to-left and the English text left-to-right on the same sheet, as the city sends it. */
import { useEffect, useState } from 'react';
import { ApiError, isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { requestsApi, type Letter } from '../requests/requests-api.js';

/** One language's half of the letter. */
function LetterText({ letter, lang }: { letter: Letter; lang: 'fa' | 'en' }) {
  const text = letter[lang];
  return (
    <section className={`letter-text letter-${lang}`} lang={lang} dir={lang === 'fa' ? 'rtl' : 'ltr'} data-testid={`letter-${lang}`}>
      <p className="letter-org">{lang === 'fa' ? 'شهرداری کرج · معاونت شهرسازی و معماری' : 'Karaj Municipality · Urban Planning'}</p>
      <p className="letter-ref">
        <bdi>{letter.reference}</bdi>
      </p>
      <h2>{text.title}</h2>
      <p className={`letter-decision decision-${letter.decision}`}>{text.decision}</p>
      {text.body.map((line, i) => {
        // "Reasons: …" — the planner's words are isolated, so English reasons keep their punctuation in the
        // Persian letter (and Persian ones in the English letter).
        const cut = line.indexOf(': ');
        return (
          <p key={i} className="prewrap">
            {cut > 0 ? (
              <>
                {line.slice(0, cut + 2)}
                <bdi>{line.slice(cut + 2)}</bdi>
              </>
            ) : (
              line
            )}
          </p>
        );
      })}
    </section>
  );
}

/** The page. */
export function RequestLetterPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [letter, setLetter] = useState<Letter | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    const ac = new AbortController();
    requestsApi.letter(id, ac.signal).then(setLetter, (e: unknown) => {
      if (isAbort(e)) return;
      setError(e instanceof ApiError && e.status === 409 ? 'notDecided' : e instanceof ApiError && e.status === 404 ? 'notFound' : e instanceof Error ? e.message : String(e));
    });
    return () => ac.abort();
  }, [id, user]);

  if (user === null) {
    return (
      <div className="page-narrow">
        <p>{t('requests.page.signIn')}</p>
        <Link href="/login" className="button">{t('nav.signIn')}</Link>
      </div>
    );
  }
  if (error) {
    const words = error === 'notDecided' ? t('letter.notDecided') : error === 'notFound' ? t('requests.page.notFound') : error;
    return <p className="page-wide error" role="alert">{words}</p>;
  }
  if (!letter) return <p className="page-wide muted">{t('requests.loading')}</p>;

  return (
    <div className="page-wide letter-page">
      <div className="no-print letter-tools">
        <Link href={`/requests/${id}`}>{t('letter.back')}</Link>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('letter.print')}
        </button>
      </div>
      <h1 className="visually-hidden">{t('letter.title')}</h1>
      <div className="letter-sheet" data-testid="letter">
        <LetterText letter={letter} lang="fa" />
        <LetterText letter={letter} lang="en" />
      </div>
    </div>
  );
}
