/** Pages that take part in the sidebar and routing, besides the playground and reasoner. */
import { createElement } from 'react';
import type { ReactNode } from 'react';
import { ChatPage } from '../chat/ChatPage.tsx';
import { MissionModelPage } from './MissionModel.tsx';
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
    // The first page after signing in. One component for both paths, so starting a
    // conversation (/ -> /chat/ID) keeps the page and its stream.
    match: (path): Record<string, string> | null => {
      if (path === '/') return {};
      const m = /^\/chat\/([^/]+)$/.exec(path);
      return m ? { id: decodeURIComponent(m[1]!) } : null;
    },
    render: (p) => createElement(ChatPage, { id: p.id, key: 'chat' }),
    nav: { to: '/', label: 'Chat', icon: '✦' },
  },
  {
    match: (path) => (path === '/runs' ? {} : null),
    render: () => createElement(RunsPage),
    nav: { to: '/runs', label: 'Runs', icon: '▶' },
  },
  {
    match: (path) => {
      const m = /^\/runs\/([^/]+)$/.exec(path);
      return m ? { id: decodeURIComponent(m[1]!) } : null;
    },
    render: (p) => createElement(RunPage, { id: p.id!, key: p.id }),
  },
  {
    match: (path) => {
      const m = /^\/missions\/([^/]+)\/model$/.exec(path);
      return m ? { name: decodeURIComponent(m[1]!) } : null;
    },
    render: (p) => createElement(MissionModelPage, { name: p.name!, key: p.name }),
  },
];
