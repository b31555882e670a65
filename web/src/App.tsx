import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { getToken, onUnauthorized, setToken } from './api.ts';
import { Link } from './components/Link.tsx';
import { Login } from './components/Login.tsx';
import { usePath } from './router.ts';
import { PlaygroundPage } from './pages/Playground.tsx';
import { ReasonPage } from './pages/Reason.tsx';
import { PAGES } from './pages/index.ts';

/** The shell: a sidebar of sections and the page for the current path. */
export function App() {
  const path = usePath();
  const [authed, setAuthed] = useState(getToken() !== null);
  const [rejected, setRejected] = useState(false);

  useEffect(
    () =>
      onUnauthorized(() => {
        setToken(null);
        setRejected(true);
        setAuthed(false);
      }),
    [],
  );

  if (!authed) return <Login rejected={rejected} onDone={() => setAuthed(true)} />;

  const page = PAGES.find((p) => p.match(path));
  const nav: Array<{ to: string; label: string; icon: ReactNode; active: boolean }> = [
    ...PAGES.filter((p) => p.nav).map((p) => ({
      to: p.nav!.to,
      label: p.nav!.label,
      icon: p.nav!.icon,
      active:
        p.match(path) !== null ||
        (p.nav!.to === '/runs' && (path.startsWith('/runs/') || path.startsWith('/missions/'))),
    })),
    { to: '/playground', label: 'PDDL playground', icon: '⌘', active: path === '/playground' },
    { to: '/reason', label: 'Reasoner', icon: '∴', active: path === '/reason' },
  ];

  let content: ReactNode;
  const params = page?.match(path);
  if (page && params) content = page.render(params);
  else if (path === '/playground' || (path === '/' && PAGES.length === 0))
    content = <PlaygroundPage />;
  else if (path === '/reason') content = <ReasonPage />;
  else
    content = (
      <div className="empty">
        <h2>Nothing here</h2>
        <p className="muted">
          No page at <code>{path}</code>. <Link to="/">Go home</Link>
        </p>
      </div>
    );

  return (
    <div className="shell">
      <aside className="sidebar">
        <Link to="/" className="brand">
          <span className="brand-mark">A</span> Atelier
        </Link>
        <nav>
          {nav.map((n) => (
            <Link key={n.to} to={n.to} className={n.active ? 'nav-item active' : 'nav-item'}>
              <span className="nav-icon">{n.icon}</span>
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="sidebar-foot">
          <button
            className="btn btn-ghost btn-small"
            onClick={() => {
              setToken(null);
              setRejected(false);
              setAuthed(false);
            }}
          >
            Sign out
          </button>
        </div>
      </aside>
      <main className="main">{content}</main>
    </div>
  );
}
