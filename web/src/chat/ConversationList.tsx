/** The conversations on the side: open one, start one, rename or delete one. */
import { useState } from 'react';
import { Link } from '../components/Link.tsx';
import type { ConversationInfo } from './api.ts';

export function ConversationList(props: {
  conversations: ConversationInfo[];
  current: string | undefined;
  onNew(): void;
  onRename(id: string, title: string): void;
  onDelete(id: string): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <nav className="conv-list" aria-label="Conversations">
      <button className="btn btn-primary conv-new" onClick={props.onNew}>
        + New conversation
      </button>
      {props.conversations.length === 0 && (
        <p className="small conv-empty">No conversations yet.</p>
      )}
      <ul>
        {props.conversations.map((c) => (
          <li key={c.id} className={c.id === props.current ? 'conv active' : 'conv'}>
            {editing === c.id ? (
              <form
                className="conv-rename"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (draft.trim()) props.onRename(c.id, draft.trim());
                  setEditing(null);
                }}
              >
                <input
                  aria-label="New title"
                  value={draft}
                  autoFocus
                  maxLength={200}
                  onChange={(e) => setDraft(e.target.value)}
                  onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                />
                <button className="btn btn-small" type="submit">
                  Save
                </button>
              </form>
            ) : (
              <Link
                to={`/chat/${encodeURIComponent(c.id)}`}
                className="conv-link"
                title={`${c.title} — ${c.target}`}
              >
                <span className="conv-title">{c.title}</span>
                <span className="conv-target">{c.target}</span>
              </Link>
            )}
            {editing !== c.id && (
              <span className="conv-tools">
                <button
                  className="icon-btn"
                  aria-label={`Rename ${c.title}`}
                  title="Rename"
                  onClick={() => {
                    setDraft(c.title);
                    setEditing(c.id);
                  }}
                >
                  ✎
                </button>
                <button
                  className={confirming === c.id ? 'icon-btn danger' : 'icon-btn'}
                  aria-label={
                    confirming === c.id ? `Confirm delete ${c.title}` : `Delete ${c.title}`
                  }
                  title={confirming === c.id ? 'Click again to delete' : 'Delete'}
                  onBlur={() => setConfirming(null)}
                  onClick={() => {
                    if (confirming === c.id) props.onDelete(c.id);
                    else setConfirming(c.id);
                  }}
                >
                  {confirming === c.id ? 'Delete?' : '✕'}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
