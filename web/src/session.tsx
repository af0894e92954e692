// Who is signed in, for the whole app: the user, what its role may do, signing in and out.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { allows, ROLE_NAMES } from '../../src/accounts/roles.js';
import type { Access } from '../../src/accounts/roles.js';
import { getJson, postJson, setCsrfToken, type SessionAnswer, type SessionUser } from './api';

interface Session {
  /** null: anonymous; undefined: not known yet. */
  user: SessionUser | null | undefined;
  /** Whether the user's role may use what needs `access` (the server decides; this hides what it would refuse). */
  can: (access: Access) => boolean;
  signIn: (login: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const Context = createContext<Session>({
  user: undefined,
  can: () => false,
  signIn: async () => undefined,
  signOut: async () => undefined,
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const take = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrf_token);
    setUser(answer.user);
  }, []);
  useEffect(() => {
    getJson<SessionAnswer>('/api/session').then(take, () => setUser(null));
  }, [take]);
  const session: Session = {
    user,
    can: (access) => allows(user?.role ?? null, access),
    signIn: async (login, password) =>
      take(await postJson<SessionAnswer>('/api/session', { login, password })),
    signOut: async () => take(await postJson<SessionAnswer>('/api/session', {}, 'DELETE')),
  };
  return <Context.Provider value={session}>{children}</Context.Provider>;
}

export const useSession = () => useContext(Context);

export function roleName(role: SessionUser['role'], lang: 'zh' | 'en'): string {
  return ROLE_NAMES[role][lang];
}
