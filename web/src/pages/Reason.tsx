import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Editor } from '../components/Editor.tsx';
import { ProofTree } from '../components/ProofTree.tsx';
import type { ProofNode } from '../components/ProofTree.tsx';

const SAMPLE_PROGRAM = `% Who may approve a deployment?
reports_to(ana, bo).
reports_to(bo, cy).
senior(cy).

manages(X, Y) :- reports_to(Y, X).
manages(X, Z) :- manages(X, Y), manages(Y, Z).
may_approve(X, Y) :- manages(X, Y), senior(X).
`;

/** The reasoner examples shipped in examples/logic/*.dl, bundled at build time. */
const examples = Object.entries(
  import.meta.glob('../../../examples/logic/*.dl', {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>,
).map(([path, text]) => ({ name: /([^/]+)\.dl$/.exec(path)![1]!, text }));

interface ReasonResponse {
  answers: Array<{ bindings: Record<string, string>; fact: string; proof: ProofNode }>;
  /** For a ground query with no answer: why it does not hold. */
  whyNot?: string[];
}

export function ReasonPage() {
  const [program, setProgram] = useState(SAMPLE_PROGRAM);
  const [query, setQuery] = useState('may_approve(X, ana)');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReasonResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [focus, setFocus] = useState<{ line: number; col: number; nonce: number }>();

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<ReasonResponse>('/api/reason', { body: { program, query } }));
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
      setResult(null);
      setError(e);
      if (e.location && e.location.file !== 'query')
        setFocus({ line: e.location.line, col: e.location.col, nonce: Date.now() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page-fill">
      <header className="page-head">
        <div>
          <h1>Reasoner</h1>
          <p className="muted">
            Facts and rules in, answers out — each answer with the proof of why it holds.
          </p>
        </div>
        <div className="toolbar">
          <select
            aria-label="Example"
            defaultValue=""
            onChange={(e) => {
              const ex = examples.find((x) => x.name === e.target.value);
              const text = ex ? ex.text : SAMPLE_PROGRAM;
              setProgram(text);
              // Ask about the first rule's head, with its variables: a query that has answers.
              const head = /^\s*([a-z]\w*\([^)]*\))\s*:-/m.exec(text);
              if (head) setQuery(head[1]!);
              setResult(null);
              setError(null);
            }}
          >
            <option value="">Example: approvals</option>
            {examples.map((x) => (
              <option key={x.name} value={x.name}>
                Example: {x.name}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div className="reason">
        <Editor
          name="program"
          label="program"
          value={program}
          onChange={setProgram}
          errorLine={
            error?.location && error.location.file !== 'query' ? error.location.line : undefined
          }
          focus={focus}
        />
        <section className="card result">
          <form
            className="query-row"
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            <span className="query-prompt">?-</span>
            <input
              name="query"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              spellCheck={false}
            />
            <button className="btn btn-primary" disabled={busy}>
              {busy ? 'Asking…' : 'Ask'}
            </button>
          </form>
          {error && (
            <div className="alert alert-error">
              <div className="alert-title">
                {error.location
                  ? `${error.location.file ?? 'program'}:${error.location.line}:${error.location.col}`
                  : error.code}
              </div>
              <div>{error.message}</div>
            </div>
          )}
          {result && result.answers.length === 0 && (
            <div className="alert alert-warn">
              <div className="alert-title">No answers</div>
              {result.whyNot?.map((line, i) => (
                <div key={i} className="mono small">
                  {line}
                </div>
              ))}
            </div>
          )}
          {result && result.answers.length > 0 && (
            <div className="answers">
              <div className="muted small">{result.answers.length} answer(s)</div>
              {result.answers.map((a, i) => (
                <div key={i} className="answer">
                  <div className="answer-head">
                    {Object.keys(a.bindings).length > 0 ? (
                      Object.entries(a.bindings).map(([k, v]) => (
                        <span key={k} className="binding">
                          {k} = <strong>{v}</strong>
                        </span>
                      ))
                    ) : (
                      <span className="binding">yes</span>
                    )}
                  </div>
                  <ProofTree node={a.proof} />
                </div>
              ))}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
