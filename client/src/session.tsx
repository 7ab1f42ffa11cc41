/** Who is signed in: read once from GET /api/auth/me, changed by signing in and out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, isAbort, setCsrfToken, type SessionUser } from './api.js';

export interface Session {
  /** The signed-in user; null when signed out; undefined while still asking the server. */
  user: SessionUser | null | undefined;
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
}

const Ctx = createContext<Session | null>(null);

/** Provides the session to the app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    const ac = new AbortController();
    api.me(ac.signal).then(
      (s) => {
        setCsrfToken(s.csrf);
        setUser(s.user);
      },
      (e: unknown) => {
        if (!isAbort(e)) setUser(null);
      },
    );
    return () => ac.abort();
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const r = await api.login(username, password);
    setCsrfToken(r.csrf);
    setUser(r.user);
    return r.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The current session. */
export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
