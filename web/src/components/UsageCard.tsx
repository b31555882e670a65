/**
 * Model usage of a run, summed from its `usage.recorded` events: the run's tokens (and
 * cost, for models with a price), per agent, per step and per model; the budget in force
 * and, when it ran out, why the run stopped. Nothing when the run made no model call.
 */
import { useMemo } from 'react';
import type { RunEvent } from '../runs.ts';

interface Sum {
  calls: number;
  input: number;
  output: number;
  cost: number;
}

type Usage = Extract<RunEvent, { type: 'usage.recorded' }>['data'];

const add = (table: Map<string, Sum>, key: string, d: Usage): void => {
  const s = table.get(key) ?? { calls: 0, input: 0, output: 0, cost: 0 };
  s.calls++;
  s.input += d.inputTokens;
  s.output += d.outputTokens;
  s.cost += d.costUsd ?? 0;
  table.set(key, s);
};

export function usageOf(events: readonly RunEvent[]) {
  const total = new Map<string, Sum>();
  const byAgent = new Map<string, Sum>();
  const byStep = new Map<string, Sum>();
  const byModel = new Map<string, Sum>();
  let budget: Extract<RunEvent, { type: 'budget.set' }>['data'] | undefined;
  let exceeded: string | undefined;
  for (const e of events) {
    if (e.type === 'budget.set') budget = e.data;
    if (e.type === 'budget.exceeded') exceeded = e.data.reason;
    if (e.type !== 'usage.recorded') continue;
    add(total, 'run', e.data);
    add(byAgent, e.data.agent, e.data);
    add(byStep, e.data.stepId ?? '(run)', e.data);
    add(byModel, e.data.model, e.data);
  }
  return { total: total.get('run'), byAgent, byStep, byModel, budget, exceeded };
}

const fmt = (s: Sum): string =>
  `${s.input.toLocaleString()} in / ${s.output.toLocaleString()} out${s.cost > 0 ? ` · $${s.cost.toFixed(4)}` : ''}`;

function Table(props: { title: string; rows: Map<string, Sum> }) {
  return (
    <table className="usage-table">
      <thead>
        <tr>
          <th>{props.title}</th>
          <th>calls</th>
          <th>tokens</th>
        </tr>
      </thead>
      <tbody>
        {[...props.rows].map(([k, s]) => (
          <tr key={k}>
            <td>{k}</td>
            <td>{s.calls}</td>
            <td>{fmt(s)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function UsageCard(props: { events: readonly RunEvent[] }) {
  const u = useMemo(() => usageOf(props.events), [props.events]);
  if (u.total === undefined && u.budget === undefined) return null;
  return (
    <section className="card usage-card" data-testid="usage">
      <h2>Model usage</h2>
      <p>
        {u.total ? `${fmt(u.total)} tokens in ${u.total.calls} calls` : 'no model call yet'}
        {u.budget
          ? ` · budget ${[u.budget.tokens === undefined ? '' : `${u.budget.tokens} tokens`, u.budget.costUsd === undefined ? '' : `$${u.budget.costUsd}`].filter(Boolean).join(', ')}`
          : ''}
      </p>
      {u.exceeded && (
        <p className="usage-exceeded">Stopped: {u.exceeded} (resumable with a higher budget)</p>
      )}
      {u.total && (
        <>
          <Table title="agent" rows={u.byAgent} />
          <Table title="step" rows={u.byStep} />
          <Table title="model" rows={u.byModel} />
        </>
      )}
    </section>
  );
}

/** Timeline lines of the usage events (undefined for other kinds). */
export function describeUsage(e: RunEvent): string | undefined {
  switch (e.type) {
    case 'usage.recorded':
      return `${e.data.stepId ?? 'run'} ${e.data.agent}: ${e.data.model} ${e.data.inputTokens} in / ${e.data.outputTokens} out`;
    case 'budget.set':
      return `Budget: ${e.data.tokens ?? ''}${e.data.tokens === undefined ? '' : ' tokens'}${e.data.costUsd === undefined ? '' : ` $${e.data.costUsd}`}`;
    case 'budget.exceeded':
      return `Budget exceeded: ${e.data.reason}`;
    default:
      return undefined;
  }
}
