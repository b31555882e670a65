/** Human-readable forms of a run: one line per event (CLI), and a Markdown report. */
import type { RunStore } from '../../store/runs.js';
import type { PlannedStep, RunEvent } from '../events.js';
import { getRun, readEvents } from '../run/start.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const call = (d: Record<string, unknown>): string =>
  `(${[d.action as string, ...((d.args as string[] | undefined) ?? [])].join(' ')})`;

/** A one-line description of an event, or undefined for events not worth a line. */
export function describeEvent(e: RunEvent): string | undefined {
  const d = e.data;
  switch (e.type) {
    case 'run.started':
      return `run ${e.runId}: mission ${d.mission as string}, goal ${d.goal as string}, seed ${d.seed as number}`;
    case 'plan.made':
      return `plan v${d.version as number} (${d.reason as string}): ${(d.steps as PlannedStep[]).length} steps, cost ${d.cost as number}, found in ${d.planMs as number} ms`;
    case 'plan.failed':
      return `no plan: ${d.reason as string}${((d.whyNot as string[]) ?? []).map((w) => `\n    why not: ${w}`).join('')}`;
    case 'step.started':
      return `${d.stepId as string} ${(d.agent as string).padEnd(14)} ${call(d)} started${(d.attempt as number) > 1 ? ` (attempt ${d.attempt as number})` : ''}`;
    case 'step.finished':
      return `${d.stepId as string} ${(d.agent as string).padEnd(14)} ${call(d)} done in ${d.ms as number} ms${d.note === undefined ? '' : ` — ${d.note as string}`}`;
    case 'step.failed':
      return `${d.stepId as string} ${(d.agent as string).padEnd(14)} ${call(d)} FAILED after ${d.ms as number} ms: ${d.reason as string}`;
    case 'approval.requested':
      return `${d.stepId as string} ${(d.agent as string).padEnd(14)} ${call(d)} waits for approval`;
    case 'approval.given':
      return `${d.stepId as string} ${d.approved === true ? 'approved' : 'REJECTED'} by ${d.by as string}${d.reason === undefined ? '' : `: ${d.reason as string}`}`;
    case 'facts.changed':
      return (d.diverged as boolean)
        ? `   observed: ${[...(d.added as string[]).map((f) => `+${f}`), ...(d.deleted as string[]).map((f) => `-${f}`)].join(' ')}`
        : undefined;
    case 'replan':
      return `RE-PLAN (v${d.version as number}): ${d.reason as string}`;
    case 'run.finished':
      return `run ${d.status as string}: ${plural(d.steps as number, 'step')}${d.sessionSteps === undefined ? '' : ` (${d.sessionSteps as number} since the resume)`}, ${plural(d.replans as number, 're-plan')}, ${d.elapsedMs as number} ms${d.reason === undefined ? '' : ` — ${d.reason as string}`}`;
    default:
      return undefined;
  }
}

/** The plan as lines: step, agent, action, what it waits for. */
export function describePlan(steps: PlannedStep[]): string[] {
  return steps.map(
    (s) =>
      `  ${s.id.padEnd(4)} ${s.agent.padEnd(14)} (${[s.action, ...s.args].join(' ')})${s.dependsOn.length > 0 ? `  after ${s.dependsOn.join(', ')}` : ''}`,
  );
}

/** A Markdown report of a run: outcome, plans (with why each step), re-plans, timeline, final facts. */
export function markdownReport(store: RunStore, runId: string): string {
  const run = getRun(store, runId);
  if (run === undefined) return `# Run ${runId}\n\nNo such run.\n`;
  const events = readEvents(store, runId);
  const fin = events.find((e) => e.type === 'run.finished');
  const out = [
    `# Mission ${run.mission} — run ${run.id}`,
    '',
    `- status: **${run.status}**`,
    `- goal: \`${run.goal}\``,
    `- seed: ${run.seed}`,
    `- steps executed: ${run.steps}, re-plans: ${run.replans}`,
    ...(fin?.data.elapsedMs === undefined ? [] : [`- elapsed: ${fin.data.elapsedMs as number} ms`]),
    ...(fin?.data.reason === undefined ? [] : [`- reason: ${fin.data.reason as string}`]),
    ...((fin?.data.whyNot as string[] | undefined) ?? []).map((w) => `- why not: ${w}`),
    '',
  ];
  for (const p of run.plans) {
    out.push(
      `## Plan v${p.version} — ${p.reason}`,
      '',
      '| step | agent | action | after | why |',
      '|---|---|---|---|---|',
    );
    for (const s of p.steps)
      out.push(
        `| ${s.id} | ${s.agent} | \`(${[s.action, ...s.args].join(' ')})\` | ${s.dependsOn.join(', ')} | ${s.supports.join('; ')} |`,
      );
    out.push('');
  }
  const replans = events.filter((e) => e.type === 'replan');
  if (replans.length > 0)
    out.push(
      '## Re-plans',
      '',
      ...replans.map((e) => `- v${e.data.version as number}: ${e.data.reason as string}`),
      '',
    );
  out.push('## Timeline', '', '```');
  const t0 = Date.parse(events[0]?.at ?? new Date().toISOString());
  for (const e of events) {
    const line = describeEvent(e);
    if (line !== undefined) out.push(`+${String(Date.parse(e.at) - t0).padStart(6)} ms  ${line}`);
  }
  out.push('```', '', '## Facts at the end', '', ...run.facts.map((f) => `- \`${f}\``), '');
  if (run.derived.length > 0)
    out.push('## Derived facts (last planning)', '', ...run.derived.map((f) => `- \`${f}\``), '');
  return out.join('\n');
}

/** A few lines summing up a run: steps per agent, the most steps in flight at once, re-plans. */
export function summaryLines(events: RunEvent[]): string[] {
  const perAgent = new Map<string, { done: number; failed: number }>();
  let inFlight = 0;
  let maxInFlight = 0;
  for (const e of events) {
    if (e.type === 'step.started') maxInFlight = Math.max(maxInFlight, ++inFlight);
    if (e.type === 'step.finished' || e.type === 'step.failed') {
      inFlight--;
      const a = perAgent.get(e.data.agent as string) ?? { done: 0, failed: 0 };
      if (e.type === 'step.finished') a.done++;
      else a.failed++;
      perAgent.set(e.data.agent as string, a);
    }
  }
  const replans = events
    .filter((e) => e.type === 'replan')
    .map((e) => `  re-plan v${e.data.version as number}: ${e.data.reason as string}`);
  return [
    'summary:',
    ...[...perAgent].map(
      ([agent, c]) =>
        `  ${agent.padEnd(14)} ${c.done} step${c.done === 1 ? '' : 's'} done${c.failed > 0 ? `, ${c.failed} failed` : ''}`,
    ),
    `  up to ${maxInFlight} steps in flight at once`,
    ...replans,
  ];
}
