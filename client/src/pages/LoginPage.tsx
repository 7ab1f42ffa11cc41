/** Sign in with a username and password (POST /api/auth/login); then back to the map. */
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';

/** The sign-in page. */
export function LoginPage() {
  const { t } = useI18n();
  const { user, signIn } = useSession();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
      navigate('/');
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.failed') : t('login.error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page-narrow">
      <h1>{t('login.title')}</h1>
      {user ? <p>{t('login.signedIn', { name: user.username })}</p> : <p className="muted">{t('login.intro')}</p>}
      <form className="login-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-user`}>{t('login.username')}</label>
          <input id={`${id}-user`} name="username" autoComplete="username" required dir="ltr" value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-pass`}>{t('login.password')}</label>
          <input id={`${id}-pass`} name="password" type="password" autoComplete="current-password" required dir="ltr" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        </div>
        {error ? (
          <p id={`${id}-error`} className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy || !username || !password}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p>
        <Link href="/">{t('login.back')}</Link>
      </p>
    </div>
  );
}
