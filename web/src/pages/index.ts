/** Pages that take part in the sidebar and routing, besides the playground and reasoner. */
import { createElement } from 'react';
import type { ReactNode } from 'react';
import { RunPage } from './Run.tsx';
import { RunsPage } from './Runs.tsx';

export interface PageDef {
  /** Returns the path parameters when the page handles `path`, else null. */
  match(path: string): Record<string, string> | null;
  render(params: Record<string, string>): ReactNode;
  nav?: { to: string; label: string; icon: ReactNode };
}

export const PAGES: PageDef[] = [
  {
    match: (path) => (path === '/' || path === '/runs' ? {} : null),
    render: () => createElement(RunsPage),
    nav: { to: '/', label: 'Runs', icon: '▶' },
  },
  {
    match: (path) => {
      const m = /^\/runs\/([^/]+)$/.exec(path);
      return m ? { id: decodeURIComponent(m[1]!) } : null;
    },
    render: (p) => createElement(RunPage, { id: p.id!, key: p.id }),
  },
];
