/** The tracking code shown large right after filing, with a copy button and what the code is for. */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { displayCode } from './format.js';

/** The "keep this code" banner. */
export function CodeBanner({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = () => {
    // The Latin digits: they paste into any form, and the tracking box takes either kind.
    const done = navigator.clipboard?.writeText(code);
    if (!done) return setCopied('no');
    done.then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };

  return (
    <section className="code-banner" aria-labelledby="code-banner-title" data-testid="code-banner">
      <h2 id="code-banner-title">{t('concerns.page.filedTitle')}</h2>
      <p>{t('concerns.page.keepCode')}</p>
      <p className="tracking-code" data-testid="tracking-code" data-code={code}>
        <bdi dir="ltr">{displayCode(code, lang)}</bdi>
      </p>
      <button type="button" className="button" onClick={copy}>
        {t('concerns.page.copy')}
      </button>
      <p role="status" className="copy-status">
        {copied === 'yes' ? t('concerns.page.copied') : copied === 'no' ? t('concerns.page.copyFailed') : ''}
      </p>
    </section>
  );
}
