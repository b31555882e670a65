/**
 * The tools of team chat: what the assistant may do, each backed by the symbolic core —
 * plan for a goal (planner, validated), explain a fact (reasoner proof or why-not), a
 * run's status and plan, start a run. There is no tool to approve a step: approvals are
 * the person's, asked by whoever started the run (the terminal's [y/N] prompt, or the
 * web UI / API for runs started over /v1).
 */
import { z } from 'zod';
import { tool } from '../../agents/index.js';
import type { Tool } from '../../agents/index.js';
import { describePlan } from '../explain/report.js';
import { getRun, listRuns } from '../explain/inspect.js';
import { parseGoal } from '../mission/goal.js';
import type { RunLog } from '../log/port.js';
import type { LoopOptions } from '../run/context.js';
import { startRun } from '../run/start.js';
import type { RunHandle } from '../run/start.js';
import type { Mission } from '../types.js';
import { previewPlan } from './preview.js';
import { explainFactOf } from './why.js';

export interface TeamChatSettings {
  mission: Mission;
  store: RunLog;
  /** How runs started from the chat get their approvals (never from the model). */
  approve: NonNullable<LoopOptions['approve']>;
  /** Told to the model with a started run: where the person approves steps, if not asked directly. */
  approvalHint?: string;
  /** Options of the runs the chat starts (time scale, events...). */
  runOptions?: Omit<LoopOptions, 'approve'>;
  /** Called with each run the chat starts. */
  onRun?: (handle: RunHandle) => void;
}

const runIdInput = z.object({
  runId: z.string().optional().describe("a run id; default: the mission's latest run"),
});

/** The run to talk about: the one named, else the mission's latest. */
async function pickRun(s: TeamChatSettings, runId: string | undefined): Promise<string> {
  if (runId !== undefined && runId !== '') return runId;
  const latest = (await listRuns(s.store)).find((r) => r.mission === s.mission.name);
  if (latest === undefined) throw new Error(`mission ${s.mission.name} has no run yet`);
  return latest.id;
}

const keyOf = (fact: string): string => fact.replace(/^\(|\)$/g, '').trim();

export function teamChatTools(s: TeamChatSettings): Tool[] {
  const { mission } = s;
  const plan = tool({
    name: 'plan_for_goal',
    description: `Plans (without running) for a goal in PDDL over the mission's predicates and objects, e.g. ${'`'}(and (announced paris))${'`'}; the plan is checked by the plan validator. No plan: the reasoner's why-not.`,
    input: z.object({ goal: z.string().describe('a PDDL goal condition') }),
    execute: async ({ goal }) => {
      const p = await previewPlan(mission, parseGoal(mission.domain, mission.objects, goal));
      return p.ok
        ? `plan for ${p.goal} (${p.lines.length} steps, cost ${p.cost}, validated):\n${p.lines.join('\n')}`
        : `no plan for ${p.goal}: ${p.reason}\n${p.whyNot.join('\n')}`;
    },
  });
  const explain = tool({
    name: 'explain_fact',
    description:
      "Why a fact holds (the reasoner's proof) or why it does not (the reasoner's why-not), over the mission's facts or a run's observed facts.",
    input: z.object({
      fact: z.string().describe('a ground fact, e.g. (qualified bastien ml_engineer)'),
      runId: z.string().optional().describe("explain over this run's current facts"),
    }),
    execute: async ({ fact, runId }) => {
      const facts =
        runId === undefined || runId === ''
          ? undefined
          : (await getRun(s.store, runId))?.facts.map(keyOf);
      if (runId && facts === undefined) throw new Error(`no run '${runId}'`);
      const e = explainFactOf(mission, fact, facts);
      return `${e.fact} ${e.holds ? 'holds' : 'does not hold'}:\n${e.lines.join('\n')}`;
    },
  });
  const status = tool({
    name: 'run_status',
    description: "A run's status: steps, re-plans, steps waiting for a person's approval.",
    input: runIdInput,
    execute: async ({ runId }) => {
      const id = await pickRun(s, runId);
      const r = await getRun(s.store, id);
      if (r === undefined) throw new Error(`no run '${id}'`);
      const waiting = r.pendingApprovals.map(
        (p) => `${p.stepId} (${[p.action, ...p.args].join(' ')}) by ${p.agent}`,
      );
      return [
        `run ${r.id} of ${r.mission}: ${r.status}, ${r.steps} steps done, ${r.replans} re-plans, goal ${r.goal}`,
        ...(waiting.length > 0
          ? [
              `waiting for a person's approval: ${waiting.join('; ')}${s.approvalHint ? ` (${s.approvalHint})` : ''}`,
            ]
          : []),
      ].join('\n');
    },
  });
  const show = tool({
    name: 'show_plan',
    description: "A run's current plan: each step, its agent, what it waits for.",
    input: runIdInput,
    execute: async ({ runId }) => {
      const id = await pickRun(s, runId);
      const last = (await getRun(s.store, id))?.plans.at(-1);
      if (last === undefined) return `run ${id} has no plan yet`;
      return `run ${id}, plan v${last.version} (${last.reason}):\n${describePlan(last.steps).join('\n')}`;
    },
  });
  const start = tool({
    name: 'start_run',
    description:
      "Starts a run of the mission (its own goal, or a PDDL goal). Steps that need approval wait for the person's answer; you cannot approve them.",
    input: z.object({
      goal: z.string().optional().describe('a PDDL goal; default: the mission goal'),
    }),
    execute: async ({ goal }) => {
      const handle = await startRun(mission, {
        ...s.runOptions,
        store: s.store,
        approve: s.approve,
        ...(goal ? { goal } : {}),
      });
      handle.done.catch(() => undefined);
      s.onRun?.(handle);
      return `started run ${handle.id} of ${mission.name}${s.approvalHint ? `; approvals: ${s.approvalHint}` : ''}`;
    },
  });
  return [plan, explain, status, show, start] as Tool[];
}
