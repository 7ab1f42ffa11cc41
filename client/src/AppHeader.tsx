/** The app's header: its name, navigation, the language switch and signing in or out. */
import { ConcernNavLinks } from './concerns/ConcernNavLinks.js';
import { RequestNavLinks } from './requests/RequestNavLinks.js';
import { useI18n } from './i18n/i18n.js';
import { Link, navigate, usePathname } from './router.js';
import { useSession } from './session.js';
import { PlanningNavLink } from './planning/PlanningNavLink.js';
import { PolicyNavLink } from './siting/PolicyNavLink.js';

/** The header bar. */
export function AppHeader() {
  const { t, lang, setLang } = useI18n();
  const { user, signOut } = useSession();
  const path = usePathname();
  const other = lang === 'fa' ? 'en' : 'fa';

  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToMain')}
      </a>
      <Link href="/" className="brand">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24" className="brand-mark">
          <path d="M12 3l-5 18h2l1.2-4.5h3.6L15 21h2L12 3zm-1.3 11.5L12 9.6l1.3 4.9h-2.6z" fill="currentColor" />
          <path d="M6 6a8 8 0 000 8M18 6a8 8 0 010 8" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </Link>
      <nav className="header-nav" aria-label={t('nav.main')}>
        <ConcernNavLinks />
        <RequestNavLinks />
        <PlanningNavLink />
        <PolicyNavLink />
        <button type="button" className="header-button" lang={other} onClick={() => setLang(other)} aria-label={t('lang.switchTo')}>
          {t('lang.other')}
        </button>
        {user ? (
          <>
            <span className="user-name">{t('nav.signedInAs', { name: user.username })}</span>
            <button type="button" className="header-button" onClick={() => void signOut().then(() => navigate('/'))}>
              {t('nav.signOut')}
            </button>
          </>
        ) : (
          <Link href="/login" className="header-button" aria-current={path === '/login' ? 'page' : undefined}>
            {t('nav.signIn')}
          </Link>
        )}
      </nav>
    </header>
  );
}
