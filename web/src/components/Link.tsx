import type { MouseEvent, ReactNode } from 'react';
import { navigate } from '../router.ts';

/** An in-app link: a real <a href> (middle-click works) that navigates without reloading. */
export function Link(props: {
  to: string;
  className?: string;
  children: ReactNode;
  title?: string;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={props.to} className={props.className} onClick={onClick} title={props.title}>
      {props.children}
    </a>
  );
}
