import type { CurrentKey } from '@neuralops/client';
import { ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { AuthProvider, useAuth } from './api/auth';
import { checkKey, clientFor, session } from './api/session';
import { Loading } from './components/common';
import { ApiKeysPage } from './pages/api-keys/api-keys-page';
import { ProbeFormPage } from './pages/probes/probe-form-page';
import { ProbesPage } from './pages/probes/probes-page';
import { RunPage } from './pages/run/run-page';
import { SignInPage } from './pages/signin/signin-page';
import { SignalPage } from './pages/signal/signal-page';
import { SignalsPage } from './pages/signals/signals-page';
import { SilencesPage } from './pages/silences/silences-page';
import { WorkflowPage } from './pages/workflow/workflow-page';
import { WorkflowsPage } from './pages/workflows/workflows-page';
import { Link, match, navigate, Redirect, useLocation } from './router';

type Session = { state: 'checking' } | { state: 'out'; reason?: string } | { state: 'in'; key: string; me: CurrentKey };

/** Signs in from sessionStorage (checking the key again), then shows the console or the sign-in form. */
export function App() {
  const [s, setS] = useState<Session>(() => (session.key ? { state: 'checking' } : { state: 'out' }));
  const { path, query } = useLocation();

  useEffect(() => {
    if (s.state !== 'checking') return;
    const key = session.key;
    if (!key) return setS({ state: 'out' });
    let live = true;
    checkKey(key).then((r) => {
      if (!live) return;
      if (r.ok) setS({ state: 'in', key, me: r.me });
      else {
        session.clear();
        setS({ state: 'out', reason: r.reason });
      }
    });
    return () => {
      live = false;
    };
  }, [s.state]);

  const signOut = useCallback(() => {
    session.clear();
    setS({ state: 'out' });
    navigate('/signin', { replace: true });
  }, []);
  const expired = useCallback((reason: string) => {
    session.clear();
    setS({ state: 'out', reason: `Signed out: ${reason}` });
  }, []);
  const auth = useMemo(() => (s.state === 'in' ? { me: s.me, client: clientFor(s.key), signOut, expired } : null), [s, signOut, expired]);

  if (s.state === 'checking') return <Loading what="the console" />;
  if (s.state === 'out' || !auth) {
    return (
      <SignInPage
        reason={s.state === 'out' ? s.reason : undefined}
        onSignedIn={(key, me) => {
          session.set(key);
          setS({ state: 'in', key, me });
          const next = query.get('next');
          if (path === '/signin' || path === '/') navigate(next && next.startsWith('/') ? next : '/workflows', { replace: true });
        }}
      />
    );
  }
  return (
    <AuthProvider value={auth}>
      <Shell>{route(path)}</Shell>
    </AuthProvider>
  );
}

function route(path: string): ReactNode {
  let p: Record<string, string> | undefined;
  if (path === '/' || path === '/signin') return <Redirect to="/workflows" />;
  if (match('/workflows', path)) return <WorkflowsPage />;
  if ((p = match('/workflows/:id', path))) return <WorkflowPage key={p.id} id={p.id} />;
  if ((p = match('/runs/:id', path))) return <RunPage key={p.id} id={p.id} />;
  if (match('/signals', path)) return <SignalsPage />;
  if ((p = match('/signals/:id', path))) return <SignalPage key={p.id} id={p.id} />;
  if (match('/silences', path)) return <SilencesPage />;
  if (match('/probes', path)) return <ProbesPage />;
  if (match('/probes/new', path)) return <ProbeFormPage key="new" />;
  if ((p = match('/probes/:id', path))) return <ProbeFormPage key={p.id} id={p.id} />;
  if (match('/api-keys', path)) return <ApiKeysPage />;
  return <NotFound path={path} />;
}

function NotFound({ path }: { path: string }) {
  return (
    <>
      <h1>Not found</h1>
      <p>
        The console has no page at <code>{path}</code>. <Link to="/workflows">Go to the workflows</Link>.
      </p>
    </>
  );
}

const NAV: Array<{ to: string; label: string; admin?: boolean }> = [
  { to: '/workflows', label: 'Workflows' },
  { to: '/signals', label: 'Signals' },
  { to: '/silences', label: 'Silences' },
  { to: '/probes', label: 'Probes' },
  { to: '/api-keys', label: 'API keys', admin: true },
];

function Shell({ children }: { children: ReactNode }) {
  const { me, isAdmin, signOut } = useAuth();
  const { path } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/workflows" className="brand">
          NeuralOps
        </Link>
        <nav aria-label="Main">
          <ul className="nav">
            {NAV.filter((n) => !n.admin || isAdmin).map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={path === n.to || path.startsWith(`${n.to}/`) || (n.to === '/workflows' && path.startsWith('/runs/')) ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="whoami">
          <span>
            {me.name} · <span className="mono">{me.prefix}…</span> · {me.role}
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

