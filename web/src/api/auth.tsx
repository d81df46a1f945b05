import { NeuralOpsClient, NeuralOpsError, type CurrentKey } from '@neuralops/client';
import { createContext, ReactNode, useCallback, useContext, useMemo } from 'react';

export interface Auth {
  me: CurrentKey;
  client: NeuralOpsClient;
  isAdmin: boolean;
  signOut: () => void;
  /** back to sign-in with the reason, for a 401 anywhere */
  expired: (reason: string) => void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ value, children }: { value: Omit<Auth, 'isAdmin'>; children: ReactNode }) {
  const auth = useMemo(() => ({ ...value, isAdmin: value.me.role === 'admin' }), [value]);
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside the signed-in console');
  return auth;
}

/** Runs a call; a 401 ends the session with the server's reason, anything else is rethrown. */
export function useGuarded(): <T>(call: (client: NeuralOpsClient) => Promise<T>) => Promise<T> {
  const { client, expired } = useAuth();
  return useCallback(
    async <T,>(call: (c: NeuralOpsClient) => Promise<T>) => {
      try {
        return await call(client);
      } catch (err) {
        if (err instanceof NeuralOpsError && err.status === 401) expired(err.message);
        throw err;
      }
    },
    [client, expired],
  );
}
