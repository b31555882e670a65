import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, followEvents } from '../api.ts';
import { Link } from '../components/Link.tsx';
import { PlanGraph, agentColour } from '../components/PlanGraph.tsx';
import type { GraphStep } from '../components/PlanGraph.tsx';
import { ProofTree } from '../components/ProofTree.tsx';
import { Artifacts } from '../components/Artifacts.tsx';
import { UsageCard } from '../components/UsageCard.tsx';
import { FailureBanner, InterruptedBanner } from '../components/RunBanners.tsx';
import { useFactWhy } from '../components/fact-why.ts';
import type { WhyResponse } from '../components/fact-why.ts';
import { describeEvent, failureOf, lastOf, shownStatus, stepLabel, stepStatuses } from '../runs.ts';
import type { RunDetail, RunEvent } from '../runs.ts';

type Live = 'connecting' | 'live' | 'reconnecting' | 'closed';

/** One run: the live plan graph, pending approvals, the event timeline and the facts. */
export function RunPage({ id }: { id: string }) {
  const [detail, setDetail] = useState<RunDetail | null>(null);
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [live, setLive] = useState<Live>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | undefined>();
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const timelineRef = useRef<HTMLDivElement>(null);
  // Read before React updates the list: was the reader at the newest event? Then keep
  // following; if they scrolled up to older events, leave them there.
  const tl = timelineRef.current;
  const followTimeline = !tl || tl.scrollHeight - tl.scrollTop - tl.clientHeight < 40;
  useLayoutEffect(() => {
    const el = timelineRef.current;
    if (el && followTimeline) el.scrollTop = el.scrollHeight;
  });

  const refresh = useCallback(async () => {
    try {
      setDetail(await api<RunDetail>(`/api/runs/${encodeURIComponent(id)}`));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 404 ? `No run with id ${id}.` : String(err),
      );
    }
  }, [id]);

  useEffect(() => {
    setEvents([]);
    setDetail(null);
    setVersion(null);
    void refresh();
    const abort = new AbortController();
    void followEvents(
      `/api/runs/${encodeURIComponent(id)}/events`,
      {
        onMessage: (m) => {
          if (m.event !== 'message') return;
          const e = JSON.parse(m.data) as RunEvent;
          setEvents((prev) =>
            prev.length && prev[prev.length - 1]!.seq >= e.seq ? prev : [...prev, e],
          );
          // Plans, facts and approvals come from the run detail; fetch it at most every 120 ms
          // while events arrive (a debounce would starve while steps end faster than that).
          if (refreshTimer.current === undefined)
            refreshTimer.current = setTimeout(() => {
              refreshTimer.current = undefined;
              void refresh();
            }, 120);
        },
        onStatus: setLive,
      },
      abort.signal,
    ).catch((err: unknown) => setError(String(err)));
    return () => {
      abort.abort();
      clearTimeout(refreshTimer.current);
      refreshTimer.current = undefined;
    };
  }, [id, refresh]);

  const statuses = useMemo(() => stepStatuses(events), [events]);
  const plans = detail?.plans ?? [];
  const latest = plans.length ? plans[plans.length - 1]!.version : null;
  const shown = plans.find((p) => p.version === (version ?? latest)) ?? plans[plans.length - 1];
  const agents = useMemo(
    () => [...new Set(plans.flatMap((p) => p.steps.map((s) => s.agent)))].sort(),
    [plans],
  );
  const current = (shown?.steps ?? []).map((s) => ({
    status: statuses.get(s.id) ?? 'pending',
  }));
  // Badge and graph read the same events, so they never disagree.
  const status = detail
    ? shownStatus(detail.status, events, shown?.version === latest ? current : [])
    : 'running';
  const failure = useMemo(() => failureOf(events), [events]);
  const interruption = lastOf(events, 'run.interrupted');

  const graphSteps: GraphStep[] = (shown?.steps ?? []).map((s) => {
    let st = statuses.get(s.id) ?? 'pending';
    // Steps of an older plan that never ran were dropped by the re-plan.
    if (shown && latest !== null && shown.version < latest && st === 'pending') st = 'superseded';
    if (status === 'failed' && st === 'pending') st = 'skipped';
    return { id: s.id, label: stepLabel(s), agent: s.agent, status: st, deps: s.dependsOn };
  });
  const doneCount = graphSteps.filter((s) => s.status === 'done').length;
  const selectedStep = shown?.steps.find((s) => s.id === selected);

  if (error && !detail) {
    return (
      <div className="page">
        <div className="alert alert-error">{error}</div>
        <p style={{ marginTop: 12 }}>
          <Link to="/runs">← All runs</Link>
        </p>
      </div>
    );
  }
  if (!detail) return <div className="page muted">Loading run…</div>;

  return (
    <div className="page run-page" data-run-status={status}>
      <div className="crumbs">
        <Link to="/runs">Runs</Link> <span className="muted">/</span>{' '}
        <span className="mono">{detail.id}</span>
      </div>
      <header className="page-head run-head">
        <div>
          <h1>
            {detail.mission}{' '}
            <span className={`badge badge-${status.replace('-', '_')}`} data-testid="run-status">
              {status.replace('-', ' ')}
            </span>
          </h1>
          <div className="run-meta">
            <span>
              goal <code>{detail.goal}</code>
            </span>
            <span>seed {detail.seed}</span>
            <span>
              {doneCount}/{graphSteps.length} steps done
            </span>
            <span>
              {detail.replans} re-plan{detail.replans === 1 ? '' : 's'}
            </span>
            <span className={`live live-${live}`}>
              {live === 'live' ? '● live' : live === 'closed' ? 'ended' : `${live}…`}
            </span>
          </div>
        </div>
      </header>

      {status === 'failed' && failure && <FailureBanner failure={failure} />}

      {status === 'interrupted' && (
        <InterruptedBanner
          reason={interruption?.data.reason}
          onResume={() =>
            void api(`/api/runs/${encodeURIComponent(detail.id)}/resume`, { method: 'POST' })
              .then(() => refresh())
              .catch((err: unknown) => setError(String(err)))
          }
        />
      )}

      {detail.pendingApprovals.length > 0 && (
        <div className="approvals">
          {detail.pendingApprovals.map((a) => (
            <ApprovalCard
              key={a.stepId}
              approval={a}
              onDone={() => void refresh()}
              colour={agentColour(agents, a.agent)}
            />
          ))}
        </div>
      )}

      <section className="card graph-card">
        <div className="card-head">
          <h2>Plan</h2>
          <div className="versions">
            {plans.map((p) => (
              <button
                key={p.version}
                className={p.version === shown?.version ? 'version active' : 'version'}
                onClick={() => setVersion(p.version === latest ? null : p.version)}
                title={p.reason}
              >
                v{p.version}
                {p.version === latest && plans.length > 1 ? ' (current)' : ''}
              </button>
            ))}
          </div>
        </div>
        {shown && shown.reason && plans.length > 1 && (
          <div className="muted small plan-reason">Why this version: {shown.reason}</div>
        )}
        {graphSteps.length === 0 ? (
          <div className="muted empty-row">
            {plans.length === 0 ? 'Planning…' : 'The goal already holds: nothing to do.'}
          </div>
        ) : (
          <div className="graph-wrap">
            <PlanGraph
              steps={graphSteps}
              agents={agents}
              selected={selected}
              onSelect={setSelected}
            />
          </div>
        )}
        {selectedStep && (
          <div className="step-detail">
            <code>{stepLabel(selectedStep)}</code> by <strong>{selectedStep.agent}</strong> —{' '}
            {selectedStep.dependsOn.length
              ? `after ${selectedStep.dependsOn.join(', ')}`
              : 'no prerequisites'}
            {selectedStep.supports.length > 0 && (
              <> · achieves {selectedStep.supports.join(', ')}</>
            )}
          </div>
        )}
      </section>

      <div className="run-columns">
        <section className="card timeline-card">
          <h2>Timeline</h2>
          <div className="timeline-scroll" ref={timelineRef}>
            <ol className="timeline" data-testid="timeline">
              {events.map((e) => (
                <li
                  key={e.seq}
                  className={`tl tl-${e.type.replace('.', '-')}${e.type === 'run.finished' ? ` tl-${e.data.status}` : ''}`}
                >
                  <span className="tl-time">{new Date(e.at).toLocaleTimeString()}</span>
                  <span className="tl-dot" />
                  <span className="tl-text">{describeEvent(e)}</span>
                </li>
              ))}
            </ol>
          </div>
        </section>
        <section className="card facts-card">
          <h2>Facts</h2>
          <FactList title="Derived by the rules" facts={detail.derived} runId={detail.id} explain />
          <FactList title="Observed" facts={detail.facts} runId={detail.id} />
        </section>
      </div>
      <Artifacts
        products={detail.products ?? []}
        colour={(a) => agentColour(agents, a)}
        onStep={setSelected}
      />
      <UsageCard events={events} />
    </div>
  );
}

function ApprovalCard(props: {
  approval: RunDetail['pendingApprovals'][number];
  onDone(): void;
  colour: string;
}) {
  const { approval } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (verb: 'approve' | 'reject'): Promise<void> => {
    setBusy(true);
    try {
      await api(
        `/api/runs/${encodeURIComponent(approval.runId)}/steps/${encodeURIComponent(approval.stepId)}/${verb}`,
        {
          body: { by: 'web' },
        },
      );
      props.onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <div className="approval" data-step={approval.stepId}>
      <div className="approval-icon">!</div>
      <div className="approval-text">
        <div>
          <strong>{approval.agent}</strong> wants to run <code>{stepLabel(approval)}</code>
        </div>
        <div className="muted small">
          Step {approval.stepId} waits for your approval. Rejecting it makes the team re-plan
          without it.
        </div>
        {error && <div className="alert alert-error small">{error}</div>}
      </div>
      <div className="approval-actions">
        <button className="btn btn-reject" disabled={busy} onClick={() => void decide('reject')}>
          Reject
        </button>
        <button className="btn btn-approve" disabled={busy} onClick={() => void decide('approve')}>
          Approve
        </button>
      </div>
    </div>
  );
}

function FactList(props: { title: string; facts: string[]; runId: string; explain?: boolean }) {
  const { open, why, ask } = useFactWhy(props.runId);
  return (
    <div className="facts">
      <div className="facts-title">
        {props.title} <span className="count">{props.facts.length}</span>
      </div>
      {props.facts.length === 0 && <div className="muted small">none</div>}
      <ul>
        {props.facts.map((f) => (
          <li key={f}>
            <div className="fact-row">
              <code>{f}</code>
              {props.explain && (
                <button className="why" onClick={() => void ask(f)}>
                  {open === f ? 'hide' : 'why?'}
                </button>
              )}
            </div>
            {open === f && (
              <div className="why-box">
                {why[f] === undefined && <span className="muted small">…</span>}
                {typeof why[f] === 'string' && (
                  <span className="alert alert-error small">{why[f] as string}</span>
                )}
                {typeof why[f] === 'object' && (why[f] as WhyResponse).proof && (
                  <ProofTree node={(why[f] as WhyResponse).proof!} />
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
