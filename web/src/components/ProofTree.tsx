import { useState } from 'react';

/** A proof as the server sends it: the fact, how it holds, and the facts it rests on. */
export interface ProofNode {
  fact: string;
  /** 'given' for a stated fact, the rule text for a derived one, 'not' for negation as failure. */
  via: string;
  children: ProofNode[];
}

/** A collapsible proof tree: each derived fact opens onto the facts its rule used. */
export function ProofTree({ node, depth = 0 }: { node: ProofNode; depth?: number }) {
  const [open, setOpen] = useState(depth < 2);
  const leaf = node.children.length === 0;
  return (
    <div className="proof">
      <div className="proof-row">
        <button
          className="proof-toggle"
          onClick={() => setOpen(!open)}
          disabled={leaf}
          aria-label={open ? 'collapse' : 'expand'}
        >
          {leaf ? '•' : open ? '▾' : '▸'}
        </button>
        <code className="proof-fact">{node.fact}</code>
        <span className={node.via === 'given' ? 'proof-via given' : 'proof-via'}>
          {node.via === 'given' ? 'given' : node.via === 'not' ? 'not derivable' : `by ${node.via}`}
        </span>
      </div>
      {open && !leaf && (
        <div className="proof-children">
          {node.children.map((c, i) => (
            <ProofTree key={i} node={c} depth={depth + 1} />
          ))}
        </div>
      )}
    </div>
  );
}
