/** The app shell: header and the page for the current route (`/` map, `/login`, the concern pages). */
import { AppHeader } from './AppHeader.js';
import { concernRoute } from './concerns/routes.js';
import { requestRoute } from './requests/routes.js';
import { useI18n } from './i18n/i18n.js';
import { LoginPage } from './pages/LoginPage.js';
import { MapPage } from './pages/MapPage.js';
import { planningRoute } from './planning/routes.js';
import { sitingRoute } from './siting/routes.js';
import { Link, usePathname } from './router.js';

function NotFound() {
  const { t } = useI18n();
  return (
    <div className="page-narrow">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link href="/">{t('login.back')}</Link>
      </p>
    </div>
  );
}

/** The shell around every page. */
export function App() {
  const path = usePathname();
  const page = path === '/' ? <MapPage /> : path === '/login' ? <LoginPage /> : (concernRoute(path) ?? requestRoute(path) ?? planningRoute(path) ?? sitingRoute(path) ?? <NotFound />);
  return (
    <div className="app">
      <AppHeader />
      <main id="main" className="app-main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}
