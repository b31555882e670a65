/** Pages that take part in the sidebar and routing, besides the playground and reasoner. */
import type { ReactNode } from 'react';

export interface PageDef {
  /** Returns the path parameters when the page handles `path`, else null. */
  match(path: string): Record<string, string> | null;
  render(params: Record<string, string>): ReactNode;
  nav?: { to: string; label: string; icon: ReactNode };
}

export const PAGES: PageDef[] = [];
