/** Human-readable forms of a run: one line per event (CLI), and a Markdown report. */
import { findEvent, readEvents } from '../log/codec.js';
import type { PlannedStep, RunEvent } from '../log/events.js';
import type { RunLog } from '../log/port.js';
import { toolModelLines } from '../learning/index.js';
import { getRun } from './inspect.js';
import { productsMarkdown } from './products.js';
import { describeUsageEvent, runUsage, usageLines } from './usage.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const call = (d: { action: string; args: readonly string[] }): string =>
  `(${[d.action, ...d.args].join(' ')})`;

/** "s3 recruiter      (screen amelie)": a step, its agent, its action. */
const stepLine = (d: { stepId: string; agent: string; action: string; args: readonly string[] }) =>
  `${d.stepId} ${d.agent.padEnd(14)} ${call(d)}`;

/** Text on one line, cut at 120 characters. */
const oneLine = (t: string): string => {
  const flat = t.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
};

/** A one-line description of an event, or undefined for events not worth a line. */
export function describeEvent(e: RunEvent): string | undefined {
  switch (e.type) {
    case 'run.started': {
      const d = e.data;
      return `run ${e.runId}: mission ${d.mission}, goal ${d.goal}, seed ${d.seed}`;
    }
    case 'plan.made': {
      const d = e.data;
      return `plan v${d.version} (${d.reason}): ${d.steps.length} steps, cost ${d.cost}, found in ${d.planMs} ms`;
    }
    case 'plan.failed':
      return `no plan: ${e.data.reason}${e.data.whyNot.map((w) => `\n    why not: ${w}`).join('')}`;
    case 'step.started':
      return `${stepLine(e.data)} started${e.data.attempt > 1 ? ` (attempt ${e.data.attempt})` : ''}`;
    case 'step.finished':
      return `${stepLine(e.data)} done in ${e.data.ms} ms${e.data.note === undefined ? '' : ` — ${e.data.note}`}`;
    case 'step.failed':
      return `${stepLine(e.data)} FAILED after ${e.data.ms} ms: ${e.data.reason}`;
    case 'step.in-doubt':
      return `${stepLine(e.data)} IN DOUBT: ${e.data.reason}`;
    case 'approval.requested':
      return `${stepLine(e.data)} waits for approval`;
    case 'approval.given': {
      const d = e.data;
      return `${d.stepId} ${d.approved ? 'approved' : 'REJECTED'} by ${d.by}${d.reason === undefined ? '' : `: ${d.reason}`}`;
    }
    case 'facts.changed':
      return e.data.diverged
        ? `   observed: ${[...e.data.added.map((f) => `+${f}`), ...e.data.deleted.map((f) => `-${f}`)].join(' ')}`
        : undefined;
    case 'work.product':
      return `${stepLine(e.data)} work product "${e.data.title}" (${e.data.markdown.length} characters)`;
    case 'teammate.asked': {
      const d = e.data;
      const said =
        d.answer === undefined ? `refused: ${d.error ?? ''}` : `answered: ${oneLine(d.answer)}`;
      return `${d.stepId} ${d.from.padEnd(14)} asks ${d.to}: ${oneLine(d.question)} — ${said}`;
    }
    case 'replan':
      return `RE-PLAN (v${e.data.version}): ${e.data.reason}`;
    case 'run.resumed': {
      const { planVersion, again } = e.data;
      return `resumed from the log${planVersion === null ? '' : `: plan v${planVersion} goes on`}${again.length === 0 ? '' : `, ${again.join(', ')} cut short by the interruption run again`}`;
    }
    case 'run.finished': {
      const d = e.data;
      return `run ${d.status}: ${plural(d.steps, 'step')}${d.sessionSteps === undefined ? '' : ` (${d.sessionSteps} since the resume)`}, ${plural(d.replans, 're-plan')}, ${d.elapsedMs} ms${d.reason === undefined ? '' : ` — ${d.reason}`}`;
    }
    case 'run.interrupted':
      return `run interrupted: ${e.data.reason} (resumable)`;
    case 'tools.modelled':
      return `tool models:${toolModelLines(e.data.tools)
        .map((l) => `\n    ${l}`)
        .join('')}`;
    default:
      return describeUsageEvent(e);
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
export async function markdownReport(store: RunLog, runId: string): Promise<string> {
  const run = await getRun(store, runId);
  if (run === undefined) return `# Run ${runId}\n\nNo such run.\n`;
  const events = await readEvents(store, runId);
  const fin = findEvent(events, 'run.finished')?.data;
  const out = [
    `# Mission ${run.mission} — run ${run.id}`,
    '',
    `- status: **${run.status}**`,
    `- goal: \`${run.goal}\``,
    `- seed: ${run.seed}`,
    `- steps executed: ${run.steps}, re-plans: ${run.replans}`,
    ...(fin === undefined ? [] : [`- elapsed: ${fin.elapsedMs} ms`]),
    ...(fin?.reason === undefined ? [] : [`- reason: ${fin.reason}`]),
    ...(fin?.whyNot ?? []).map((w) => `- why not: ${w}`),
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
  const models = events.filter((e) => e.type === 'tools.modelled').at(-1);
  if (models?.type === 'tools.modelled')
    out.push(
      '## Tool models (last planning)',
      '',
      ...toolModelLines(models.data.tools).map((l) => `- ${l}`),
      '',
    );
  const replans = events.flatMap((e) => (e.type === 'replan' ? [e.data] : []));
  if (replans.length > 0)
    out.push('## Re-plans', '', ...replans.map((r) => `- v${r.version}: ${r.reason}`), '');
  out.push('## Timeline', '', '```');
  const t0 = Date.parse(events[0]?.at ?? new Date().toISOString());
  for (const e of events) {
    const line = describeEvent(e);
    if (line !== undefined) out.push(`+${String(Date.parse(e.at) - t0).padStart(6)} ms  ${line}`);
  }
  const usage = usageLines(runUsage(events));
  if (usage.length > 0) out.push('```', '', '## Model usage', '', '```', ...usage);
  out.push('```', '', ...productsMarkdown(run.products));
  out.push('## Facts at the end', '', ...run.facts.map((f) => `- \`${f}\``), '');
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
      const a = perAgent.get(e.data.agent) ?? { done: 0, failed: 0 };
      if (e.type === 'step.finished') a.done++;
      else a.failed++;
      perAgent.set(e.data.agent, a);
    }
  }
  const replans = events.flatMap((e) =>
    e.type === 'replan' ? [`  re-plan v${e.data.version}: ${e.data.reason}`] : [],
  );
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
