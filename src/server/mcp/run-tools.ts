/**
 * Missions and runs as MCP tools: list the missions, start a run, read a run's status and
 * events, approve or reject a step that waits for a person. An MCP client is a person's
 * client here: a decision names the step, and the answer repeats what the step does.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { describeEvent, describePlan } from '../../team/index.js';
import type { RunDetail } from '../../team/index.js';
import { guarded, ok } from './results.js';
import type { McpRuns } from './runs.js';
import { startRunFields } from '../run-schemas.js';

const RunId = z.string().min(1).describe('the run id, as start_run returned it');
const Decision = {
  runId: RunId,
  stepId: z.string().min(1).describe('the step waiting for approval, e.g. "s3" (see run_status)'),
  by: z.string().max(200).optional().describe('who decides (default "mcp client")'),
  reason: z.string().max(2000).optional().describe('why; a rejection reason is recorded and shown'),
};

export function registerRunTools(server: McpServer, runs: McpRuns): void {
  registerMissionTools(server, runs);
  registerFollowTools(server, runs);
  registerDecisionTools(server, runs);
}

function registerMissionTools(server: McpServer, runs: McpRuns): void {
  server.registerTool(
    'list_missions',
    {
      title: 'List missions',
      description: 'The missions a team can run here (examples and loaded missions).',
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    guarded(() => {
      const missions = runs.missions();
      const text = missions.map((m) => `${m.name} (${m.source}): ${m.description}`).join('\n');
      return ok(text || 'No missions are available.', { missions });
    }),
  );

  server.registerTool(
    'start_run',
    {
      title: 'Start a run',
      description:
        'Start a run of a mission: the team plans, runs the steps, re-plans on failure. Steps that need a person wait for approve_step / reject_step. Returns the run id at once.',
      inputSchema: {
        ...startRunFields,
        mission: startRunFields.mission.describe('mission name, from list_missions'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    },
    guarded(async (args) => {
      const run = await runs.start(args.mission, {
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args.goal !== undefined ? { goal: args.goal } : {}),
      });
      const text = `Started run ${run.id} of mission ${run.mission} (goal ${run.goal}). Follow it with run_status or run_events.`;
      return ok(text, { run });
    }),
  );
}

function registerFollowTools(server: McpServer, runs: McpRuns): void {
  server.registerTool(
    'run_status',
    {
      title: 'Run status',
      description: "A run's status, its current plan, and the steps waiting for approval.",
      inputSchema: { runId: RunId },
      annotations: { readOnlyHint: true },
    },
    guarded(async (args) => {
      const run = await runs.status(args.runId);
      return ok(statusText(run), { run });
    }),
  );

  server.registerTool(
    'run_events',
    {
      title: 'Run events',
      description:
        "A run's events in order (plans, steps, approvals, facts, re-plans), after a sequence number; pass the last `seq` you saw as `after` to read on.",
      inputSchema: {
        runId: RunId,
        after: z
          .number()
          .int()
          .min(0)
          .optional()
          .describe('only events with a larger seq (default 0)'),
        limit: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .optional()
          .describe('at most this many (default 200)'),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(async (args) => {
      const events = await runs.events(args.runId, args.after ?? 0, args.limit ?? 200);
      const lines = events.map(
        (e) => `${e.seq} ${e.type}: ${describeEvent(e) ?? JSON.stringify(e.data)}`,
      );
      const last = events.at(-1)?.seq ?? args.after ?? 0;
      return ok(lines.join('\n') || 'No events after that.', { events, last });
    }),
  );
}

function registerDecisionTools(server: McpServer, runs: McpRuns): void {
  for (const approved of [true, false]) {
    server.registerTool(
      approved ? 'approve_step' : 'reject_step',
      {
        title: approved ? 'Approve a step' : 'Reject a step',
        description: approved
          ? 'Approve a step that waits for a person; the team carries it out.'
          : 'Reject a step that waits for a person; the team never plans that action again in this run and re-plans.',
        inputSchema: Decision,
        annotations: { readOnlyHint: false, destructiveHint: !approved, idempotentHint: false },
      },
      guarded(async (args) => {
        const d = await runs.decide(args.runId, args.stepId, {
          approved,
          ...(args.by ? { by: args.by } : {}),
          ...(args.reason ? { reason: args.reason } : {}),
        });
        const what = `(${[d.action, ...d.args].join(' ')})`;
        return ok(
          `${approved ? 'Approved' : 'Rejected'} step ${d.stepId} ${what} of run ${d.runId}.`,
          { ...d },
        );
      }),
    );
  }
}

function statusText(run: RunDetail): string {
  const lines = [
    `Run ${run.id} of mission ${run.mission}: ${run.status} (${run.steps} steps done, ${run.replans} re-plans)`,
    `goal ${run.goal}`,
  ];
  const plan = run.plans.at(-1);
  if (plan) lines.push(`plan v${plan.version} (${plan.reason}):`, ...describePlan(plan.steps));
  for (const p of run.pendingApprovals)
    lines.push(
      `waiting for approval: ${p.stepId} (${[p.action, ...p.args].join(' ')}) by ${p.agent}`,
    );
  return lines.join('\n');
}
