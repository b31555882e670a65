import { useMemo, useState } from 'react';
import { api, ApiError } from '../api.ts';
import type { SourceLocation } from '../api.ts';
import { Editor } from '../components/Editor.tsx';

/** The PDDL examples shipped in examples/pddl/<name>/{domain,problem}.pddl, bundled at build time. */
const files = {
  ...import.meta.glob('../../../examples/pddl/*/*.pddl', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
  // Missions whose action model is a PDDL domain.
  ...import.meta.glob('../../../examples/*/{domain,problem}.pddl', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
} as Record<string, string>;

interface Example {
  name: string;
  domain: string;
  problem: string;
}

function examples(): Example[] {
  const byName = new Map<string, Partial<Example>>();
  for (const [path, text] of Object.entries(files)) {
    const m = /([^/]+)\/([^/]+)\.pddl$/.exec(path);
    if (!m) continue;
    const entry = byName.get(m[1]!) ?? { name: m[1]! };
    if (m[2] === 'domain') entry.domain = text;
    else if (!entry.problem || m[2] === 'problem') entry.problem = text;
    byName.set(m[1]!, entry);
  }
  return [...byName.values()]
    .filter((e): e is Example => !!e.domain && !!e.problem)
    .sort((a, b) => a.name.localeCompare(b.name));
}

interface PlanResponse {
  status: 'solved' | 'unsolvable' | 'limit';
  plan?: Array<{ action: string; args: string[] }>;
  text?: string;
  cost?: number;
  unitCost?: boolean;
  reason?: string;
  stats: {
    expansions: number;
    generated: number;
    groundActions: number;
    groundFacts: number;
    groundingMs: number;
    searchMs: number;
  };
}

type Outcome = { kind: 'plan'; result: PlanResponse } | { kind: 'error'; error: ApiError } | null;

export function PlaygroundPage() {
  const list = useMemo(examples, []);
  const [domain, setDomain] = useState(list[0]?.domain ?? '');
  const [problem, setProblem] = useState(list[0]?.problem ?? '');
  const [picked, setPicked] = useState(list[0]?.name ?? '');
  const [optimal, setOptimal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [focus, setFocus] = useState<{ which: string; line: number; col: number; nonce: number }>();

  const pick = (name: string): void => {
    const ex = list.find((e) => e.name === name);
    if (!ex) return;
    setPicked(name);
    setDomain(ex.domain);
    setProblem(ex.problem);
    setOutcome(null);
  };

  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      const result = await api<PlanResponse>('/api/plan', { body: { domain, problem, optimal } });
      setOutcome({ kind: 'plan', result });
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
      setOutcome({ kind: 'error', error });
      const loc = error.location;
      if (loc)
        setFocus({ which: loc.file ?? 'domain', line: loc.line, col: loc.col, nonce: Date.now() });
    } finally {
      setBusy(false);
    }
  };

  const loc: SourceLocation | undefined =
    outcome?.kind === 'error' ? outcome.error.location : undefined;
  const focusFor = (which: string) => (focus && focus.which === which ? focus : undefined);

  return (
    <div className="page page-fill">
      <header className="page-head">
        <div>
          <h1>PDDL playground</h1>
          <p className="muted">
            Paste a domain and a problem, or pick an example; the planner answers with a plan or the
            exact place of the mistake.
          </p>
        </div>
        <div className="toolbar">
          {list.length > 0 && (
            <select value={picked} onChange={(e) => pick(e.target.value)} aria-label="Example">
              {list.map((e) => (
                <option key={e.name} value={e.name}>
                  Example: {e.name}
                </option>
              ))}
            </select>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={optimal}
              onChange={(e) => setOptimal(e.target.checked)}
            />{' '}
            optimal
          </label>
          <button className="btn btn-primary" onClick={() => void run()} disabled={busy}>
            {busy ? 'Planning…' : 'Plan'}
          </button>
        </div>
      </header>
      <div className="playground">
        <Editor
          name="domain"
          label="domain.pddl"
          value={domain}
          onChange={setDomain}
          errorLine={loc?.file === 'domain' ? loc.line : undefined}
          focus={focusFor('domain')}
        />
        <Editor
          name="problem"
          label="problem.pddl"
          value={problem}
          onChange={setProblem}
          errorLine={loc?.file === 'problem' ? loc.line : undefined}
          focus={focusFor('problem')}
        />
        <section className="card result" data-testid="plan-result">
          <PlanOutcome outcome={outcome} busy={busy} />
        </section>
      </div>
    </div>
  );
}

function PlanOutcome({ outcome, busy }: { outcome: Outcome; busy: boolean }) {
  if (busy) return <div className="muted">Searching…</div>;
  if (!outcome)
    return (
      <div className="muted">
        Press <strong>Plan</strong> to search.
      </div>
    );
  if (outcome.kind === 'error') {
    const { error } = outcome;
    const loc = error.location;
    return (
      <div className="alert alert-error" data-testid="plan-error">
        <div className="alert-title">
          {loc ? `${loc.file ?? ''}:${loc.line}:${loc.col}` : error.code}
        </div>
        <div>{error.message}</div>
        {typeof error.details.hint === 'string' && (
          <div className="hint">hint: {error.details.hint}</div>
        )}
      </div>
    );
  }
  const r = outcome.result;
  const stats = `${r.stats.groundActions} ground actions · ${r.stats.expansions} expansions · ${(r.stats.groundingMs + r.stats.searchMs).toFixed(1)} ms`;
  if (r.status !== 'solved') {
    return (
      <div className="alert alert-warn">
        <div className="alert-title">
          {r.status === 'unsolvable' ? 'No plan exists' : `Stopped: ${r.reason ?? 'limit'}`}
        </div>
        <div className="muted">{stats}</div>
      </div>
    );
  }
  return (
    <div>
      <div className="result-head">
        <span className="badge badge-done">solved</span>
        <span>
          {r.plan!.length} steps · cost {r.cost}
          {r.unitCost ? ' (unit cost)' : ''}
        </span>
      </div>
      <ol className="plan-list">
        {r.plan!.map((s, i) => (
          <li key={i}>
            <code>
              ({s.action}
              {s.args.map((a) => ` ${a}`).join('')})
            </code>
          </li>
        ))}
      </ol>
      <div className="muted small">{stats}</div>
    </div>
  );
}
