import type { CurrentKey } from '@neuralops/client';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { checkKey } from '../../api/session';

export function SignInPage({ reason, onSignedIn }: { reason?: string; onSignedIn: (key: string, me: CurrentKey) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>(reason);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    document.title = 'Sign in · NeuralOps';
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return setError('Enter an API key.');
    setBusy(true);
    const result = await checkKey(trimmed);
    setBusy(false);
    if (result.ok) onSignedIn(trimmed, result.me);
    else setError(result.reason);
  };

  return (
    <main id="main" className="signin">
      <h1>Sign in</h1>
      <p className="muted">NeuralOps console. The key stays in this tab only and is sent as X-API-Key.</p>
      {error ? (
        <div className="alert" role="alert" id="signin-error">
          {error}
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          ref={input}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'signin-error' : undefined}
        />
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
