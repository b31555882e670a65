/**
 * Missions and runs as the MCP tools see them: list the missions, start a run, read its
 * status and events, decide a step that waits for a person. A thin layer over the team
 * API (src/team), shared by `atelier mcp` (stdio) and `/mcp` on `atelier serve`.
 */
import {
  approveStep,
  getRun,
  listRuns,
  readEvents,
  startRun,
} from '../../team/index.js';
import type {
  Mission,
  MissionInfo,
  RunDetail,
  RunEvent,
  RunInfo,
  RunStore,
} from '../../team/index.js';
import { UserError } from '../../errors.js';
import { missionFinder } from '../mission-finder.js';

export interface McpRunsOptions {
  store: RunStore;
  /** Missions loaded by the caller, offered besides the examples. */
  missions?: readonly Mission[];
  /** Folder of example missions (default: the checkout's examples/). */
  examplesRoot?: string;
  /** Multiplies simulated step durations (1 = as written, 0 = no delays). */
  timeScale?: number;
  /** Aborting it stops the runs started here (they stay resumable as interrupted). */
  signal?: AbortSignal;
  /** Receives the `done` promise of every run started here. */
  runsInFlight?: Set<Promise<unknown>>;
}

export type { MissionInfo };

/** What deciding a step did: the step named with its action, so a person sees what they approved. */
export interface StepDecision {
  runId: string;
  stepId: string;
  action: string;
  args: string[];
  approved: boolean;
}

export interface McpRuns {
  missions(): MissionInfo[];
  start(mission: string, options: { seed?: number; goal?: string }): Promise<RunInfo>;
  status(runId: string): Promise<RunDetail>;
  events(runId: string, after: number, limit: number): Promise<RunEvent[]>;
  decide(
    runId: string,
    stepId: string,
    decision: { approved: boolean; by?: string; reason?: string },
  ): Promise<StepDecision>;
}

export function mcpRuns(options: McpRunsOptions): McpRuns {
  const { store } = options;
  const missions = missionFinder(
    options.missions,
    options.examplesRoot,
    (name, known) =>
      new UserError(`no mission named "${name}"`, {
        code: 'MCP_UNKNOWN_MISSION',
        hint: known.length ? `available: ${known.join(', ')}` : 'no missions are available',
      }),
  );
  const detail = async (runId: string): Promise<RunDetail> => {
    const run = await getRun(store, runId);
    if (!run)
      throw new UserError(`no run with id "${runId}"`, {
        code: 'MCP_UNKNOWN_RUN',
        hint: 'start one with start_run, or list them with run_status of a known id',
      });
    return run;
  };

  return {
    missions: missions.list,
    async start(name, { seed, goal }) {
      const handle = await startRun(await missions.find(name), {
        store,
        approve: 'store',
        ...(seed !== undefined ? { seed } : {}),
        ...(goal !== undefined ? { goal } : {}),
        ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const settled = handle.done.catch(() => undefined);
      options.runsInFlight?.add(settled);
      void settled.finally(() => options.runsInFlight?.delete(settled));
      return (await listRuns(store)).find((r) => r.id === handle.id)!;
    },
    status: detail,
    async events(runId, after, limit) {
      await detail(runId);
      return (await readEvents(store, runId, after)).slice(0, limit);
    },
    async decide(runId, stepId, decision) {
      const run = await detail(runId);
      const waiting = run.pendingApprovals.find((p) => p.stepId === stepId);
      if (!waiting) {
        const ids = run.pendingApprovals.map(
          (p) => `${p.stepId} (${[p.action, ...p.args].join(' ')})`,
        );
        throw new UserError(`step "${stepId}" of run ${runId} is not waiting for approval`, {
          code: 'MCP_STEP_NOT_WAITING',
          hint: ids.length
            ? `waiting: ${ids.join(', ')}`
            : `the run is ${run.status}; no step waits`,
        });
      }
      await approveStep(store, runId, stepId, {
        approved: decision.approved,
        by: decision.by ?? 'mcp client',
        ...(decision.reason ? { reason: decision.reason } : {}),
      });
      return {
        runId,
        stepId,
        action: waiting.action,
        args: waiting.args,
        approved: decision.approved,
      };
    },
  };
}
