/**
 * A team's run inside a conversation: the current plan as a compact graph (the run
 * page's layout) that updates live, each re-plan with its reason, the steps that wait
 * for a person as buttons naming the step (only a click approves), work products as
 * expandable documents, and "why?" on facts and on the facts a step supports.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, followEvents } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { PlanGraph } from '../components/PlanGraph.tsx';
import type { GraphStep } from '../components/PlanGraph.tsx';
import { ProofTree } from '../components/ProofTree.tsx';
import { useFactWhy } from '../components/fact-why.ts';
import { shownStatus, stepLabel, stepStatuses } from '../runs.ts';
import type { RunDetail, RunEvent } from '../runs.ts';
import { Markdown } from './Markdown.tsx';

/** A work product from an event: any event whose type names a product or a work result. */
interface Product {
  seq: number;
  title: string;
  body: string;
}

function productOf(e: RunEvent): Product | undefined {
  if (!/product|^work\./.test(e.type)) return undefined;
  // Any kind of event may carry a document: its fields are read by name.
  const d = e.data as Record<string, unknown>;
  const str = (...keys: string[]): string => {
    for (const k of keys) if (typeof d[k] === 'string' && d[k]) return d[k] as string;
    return '';
  };
  const body = str('content', 'text', 'body', 'markdown', 'summary');
  const title = str('title', 'name', 'kind', 'stepId') || e.type;
  return { seq: e.seq, title, body: body || '```json\n' + JSON.stringify(d, null, 2) + '\n```' };
}

/** A run's detail and events, followed live; the detail is refetched after each burst of events. */
function useTeamRun(path: string) {
  const [detail, setDetail] = useState<RunDetail | null>(null);
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      setDetail(await api<RunDetail>(path));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  }, [path]);

  useEffect(() => {
    void refresh();
    const abort = new AbortController();
    void followEvents(
      `${path}/events`,
      {
        onMessage: (m) => {
          if (m.event !== 'message') return;
          const e = JSON.parse(m.data) as RunEvent;
          setEvents((prev) =>
            prev.length && prev[prev.length - 1]!.seq >= e.seq ? prev : [...prev, e],
          );
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void refresh(), 120);
        },
      },
      abort.signal,
    ).catch(() => undefined);
    return () => {
      abort.abort();
      clearTimeout(timer.current);
    };
  }, [path, refresh]);
  return { detail, events, problem, setProblem, refresh };
}

/** What the run shows: its status, the latest plan as a graph, the steps waiting for a person. */
function runView(detail: RunDetail, events: RunEvent[], statuses: Map<string, string>) {
  const plans = detail.plans;
  const shown = plans[plans.length - 1];
  const steps = shown?.steps ?? [];
  const agents = [...new Set(plans.flatMap((p) => p.steps.map((s) => s.agent)))].sort();
  const current = steps.map((s) => ({ status: statuses.get(s.id) ?? 'pending' }));
  const status = shownStatus(detail.status, events, current);
  const graph: GraphStep[] = steps.map((s) => {
    let st = statuses.get(s.id) ?? 'pending';
    if (status === 'failed' && st === 'pending') st = 'skipped';
    return { id: s.id, label: stepLabel(s), agent: s.agent, status: st, deps: s.dependsOn };
  });
  const waiting = status === 'succeeded' || status === 'failed' ? [] : detail.pendingApprovals;
  return { plans, shown, steps, agents, status, graph, waiting };
}

export function TeamRun({ runId }: { runId: string }) {
  const path = `/api/runs/${encodeURIComponent(runId)}`;
  const { detail, events, problem, setProblem, refresh } = useTeamRun(path);
  const [selected, setSelected] = useState<string | undefined>();
  const statuses = useMemo(() => stepStatuses(events), [events]);
  const products = useMemo(
    () => events.map(productOf).filter((p): p is Product => p !== undefined),
    [events],
  );
  if (!detail) return problem ? <p className="chat-note">{problem}</p> : null;
  const { plans, shown, steps, agents, status, graph, waiting } = runView(detail, events, statuses);
  const step = steps.find((s) => s.id === selected);

  return (
    <section className="team-run" aria-label={`Run ${runId}`} data-run-status={status}>
      <div className="team-run-head">
        <span className={`badge badge-${status.replace('-', '_')}`}>
          {status.replace('-', ' ')}
        </span>
        <Link to={`/runs/${encodeURIComponent(runId)}`}>Open run {runId}</Link>
      </div>
      {plans
        .filter((p) => p.version > 1)
        .map((p) => (
          <p key={p.version} className="replan">
            Re-planned (v{p.version}): {p.reason || 'the world changed'}
          </p>
        ))}
      <Approvals
        waiting={waiting}
        path={path}
        onDecided={() => void refresh()}
        onProblem={setProblem}
      />
      {problem && <p className="chat-note chat-note-error">{problem}</p>}
      {graph.length > 0 && (
        <div
          className="graph-wrap chat-graph"
          tabIndex={0}
          aria-label={`Plan v${shown?.version ?? 1}`}
        >
          <PlanGraph steps={graph} agents={agents} selected={selected} onSelect={setSelected} />
        </div>
      )}
      {step && step.supports.length > 0 && (
        <Facts
          title={`Step ${step.id} ${stepLabel(step)} supports`}
          facts={step.supports}
          runId={runId}
        />
      )}
      {products.map((p) => (
        <details key={p.seq} className="work-product">
          <summary>{p.title}</summary>
          <Markdown text={p.body} />
        </details>
      ))}
      {detail.derived.length > 0 && (
        <details className="chat-facts">
          <summary>Derived facts ({detail.derived.length})</summary>
          <Facts title="" facts={detail.derived} runId={runId} />
        </details>
      )}
    </section>
  );
}

/** Steps waiting for a person: one button per decision, naming the step. */
function Approvals(props: {
  waiting: RunDetail['pendingApprovals'];
  path: string;
  onDecided(): void;
  onProblem(problem: string | null): void;
}) {
  const { waiting, path } = props;
  const [deciding, setDeciding] = useState<string | null>(null);
  const decide = async (stepId: string, approve: boolean): Promise<void> => {
    setDeciding(stepId);
    props.onProblem(null);
    try {
      await api(`${path}/steps/${encodeURIComponent(stepId)}/${approve ? 'approve' : 'reject'}`, {
        body: { by: 'web chat' },
      });
      props.onDecided();
    } catch (err) {
      props.onProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setDeciding(null);
    }
  };

  return (
    <>
      {waiting.map((a) => (
        <div key={a.stepId} className="chat-approval" role="group" aria-label={`Step ${a.stepId}`}>
          <span>
            Step <strong>{a.stepId}</strong> <code>{stepLabel(a)}</code> by {a.agent} waits for your
            approval.
          </span>
          <span className="chat-approval-buttons">
            <button
              className="btn btn-primary btn-small"
              disabled={deciding !== null}
              onClick={() => void decide(a.stepId, true)}
            >
              Approve step {a.stepId}
            </button>
            <button
              className="btn btn-small"
              disabled={deciding !== null}
              onClick={() => void decide(a.stepId, false)}
            >
              Reject step {a.stepId}
            </button>
          </span>
        </div>
      ))}
    </>
  );
}

function Facts(props: { title: string; facts: string[]; runId: string }) {
  const { open, why, ask } = useFactWhy(props.runId);
  return (
    <div className="chat-fact-list">
      {props.title && <p className="small">{props.title}</p>}
      <ul>
        {props.facts.map((f) => {
          const w = why[f];
          return (
            <li key={f}>
              <code>{f}</code>{' '}
              <button
                className="why"
                aria-expanded={open === f}
                aria-label={`${open === f ? 'hide' : 'why?'} ${f}`}
                onClick={() => void ask(f)}
              >
                {open === f ? 'hide' : 'why?'}
              </button>
              {open === f && (
                <div className="why-box">
                  {w === undefined && <span className="small">…</span>}
                  {typeof w === 'string' && <span className="chat-note-error small">{w}</span>}
                  {typeof w === 'object' && w.proof && <ProofTree node={w.proof} />}
                  {typeof w === 'object' &&
                    w.whyNot?.map((line) => (
                      <div key={line} className="small">
                        {line}
                      </div>
                    ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
