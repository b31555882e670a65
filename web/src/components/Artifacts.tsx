import type { RunDetail } from '../runs.ts';

type Product = RunDetail['products'][number];

/**
 * The work products of a run: what each step handed on, with its author (the agent) and
 * its step — clicking the step shows it in the plan graph.
 */
export function Artifacts(props: {
  products: readonly Product[];
  colour: (agent: string) => string;
  onStep: (stepId: string) => void;
}) {
  if (props.products.length === 0) return null;
  return (
    <section className="card artifacts-card" data-testid="artifacts">
      <h2>Artifacts</h2>
      <ul className="artifacts">
        {props.products.map((p) => (
          <li key={p.seq} className="artifact">
            <details>
              <summary>
                <strong>{p.title}</strong>{' '}
                <span className="muted small">
                  by{' '}
                  <span className="agent-chip" style={{ borderColor: props.colour(p.agent) }}>
                    {p.agent}
                  </span>{' '}
                  · step{' '}
                  <button
                    className="link-button"
                    onClick={(e) => {
                      e.preventDefault();
                      props.onStep(p.stepId);
                    }}
                    title="show this step in the plan"
                  >
                    {p.stepId} ({[p.action, ...p.args].join(' ')})
                  </button>
                </span>
              </summary>
              <pre className="artifact-text">{p.markdown}</pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
