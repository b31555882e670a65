/**
 * What a run works with and does not change while it runs: the mission, the goal, the
 * log it writes to, the simulated world, the bounds the caller set.
 */
import type { Condition } from '../../pddl/ast.js';
import type { Model } from '../../models/index.js';
import type { WorkOptions } from '../work/options.js';
import type { RunEvent, ToolModel } from '../log/events.js';
import type { RunLease, RunLog } from '../log/port.js';
import type { ApprovalDecision, ApprovalRequest } from '../log/views.js';
import { splitDerived } from '../planning.js';
import type { DerivedSplit } from '../planning.js';
import type { Mission, World } from '../types.js';
import { bootstrapProposals } from '../learning/index.js';
import type { Proposal } from '../learning/index.js';
import { mcpPool } from '../mcp/pool.js';
import type { McpPool } from '../mcp/pool.js';
import { recorder } from './recorder.js';
import type { Recorder } from './recorder.js';
import type { StepExchange } from './step-exchange.js';
import type { RunBudget } from '../log/usage-events.js';
import { usageMeter } from './usage.js';
import type { ModelPrices, UsageMeter, UsageTotals } from './usage.js';

export interface LoopOptions {
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** 'auto' approves every step; 'store' waits for approveStep(); or a callback. Default 'store'. */
  approve?: 'auto' | 'store' | ((req: ApprovalRequest) => Promise<ApprovalDecision>);
  concurrency?: number;
  maxReplans?: number;
  /** Multiplies simulated step durations; 0 runs without delays. Default 1. */
  timeScale?: number;
  /** Planner time limit per plan, ms (default 30000). */
  planTimeLimitMs?: number;
  /**
   * The lease this process drives the run under (a worker's): every append is refused
   * once it is lost, so a stalled driver never writes over the one that took over.
   */
  lease?: RunLease;
  /**
   * With a lease: the run's steps (those not done by a model) are offered to any worker
   * through this exchange instead of running here (step-exchange.ts).
   */
  steps?: StepExchange;
  /** The model of model-driven steps, for agents that have none of their own. */
  model?: Model;
  /** Bounds of model-driven steps: corrections, questions to teammates. */
  work?: WorkOptions;
  /** Stop the run (interrupted, resumable) once its model usage exceeds this. */
  budget?: RunBudget;
  /** Per-model prices, to count the cost of model calls. */
  prices?: ModelPrices;
}

export interface RunContext {
  readonly runId: string;
  /** Seed of the simulated world (a worker running one of its steps makes the same world). */
  readonly seed: number;
  /**
   * The mission as planned with: for a mission with learned tools, its domain holds the
   * models chosen before the latest planning (tool-models.ts), so it changes during a run.
   */
  mission: Mission;
  readonly goal: Condition;
  readonly log: RunLog;
  /** Writes the run's events (typed, in order) and tells `onEvent`. */
  readonly recorder: Recorder;
  /** The simulated world of this run's seed, if the mission has one. */
  readonly world: World | undefined;
  /** Which derived predicates the planner gets as facts (computed with the mission's domain). */
  split: DerivedSplit;
  /** The mission as loaded and the proposals made for its learned tools (none: no learned tool). */
  readonly learning: ToolLearning | undefined;
  readonly options: LoopOptions;
  readonly concurrency: number;
  readonly maxReplans: number;
  readonly timeScale: number;
  /** Aborted by the caller's signal, or when the budget runs out. */
  readonly signal: AbortSignal | undefined;
  /** The run's model usage and budget (run/usage.ts: `recordUsage`). */
  readonly usage: UsageMeter;
  /** The run's MCP servers: started by the first step that needs each, stopped at its end. */
  readonly mcp: McpPool;
}

/** What a run keeps to choose its learned tools' models before each planning. */
export interface ToolLearning {
  /** The mission as loaded: learned tools without a model. */
  readonly base: Mission;
  /** Bootstrap proposals, then the model's, by tool. */
  readonly proposals: Map<string, Proposal>;
  /** Tools the model was asked about in this run (once each). */
  readonly asked: Set<string>;
  /** The models last recorded (JSON), so `tools.modelled` is written when they change. */
  last: string;
  /** The models last chosen, one per tool. */
  tools: ToolModel[];
}

export function runContext(
  log: RunLog,
  mission: Mission,
  start: {
    runId: string;
    seed: number;
    goal: Condition;
    world?: World;
    /** Usage before this session (a resume) and the budget in force. */
    usage?: { before?: UsageTotals; budget?: RunBudget | undefined };
  },
  options: LoopOptions,
): RunContext {
  const usage = usageMeter({ ...start.usage, prices: options.prices });
  return {
    runId: start.runId,
    seed: start.seed,
    mission,
    goal: start.goal,
    log,
    recorder: recorder(log, start.runId, options.onEvent, options.lease),
    world: start.world ?? mission.world?.(start.seed),
    split: splitDerived(mission.domain),
    learning:
      (mission.learnedActions?.length ?? 0) === 0
        ? undefined
        : {
            base: mission,
            proposals: bootstrapProposals(mission),
            asked: new Set(),
            last: '',
            tools: [],
          },
    options,
    concurrency: Math.max(1, options.concurrency ?? 4),
    maxReplans: options.maxReplans ?? 5,
    timeScale: options.timeScale ?? 1,
    signal: options.signal ? AbortSignal.any([options.signal, usage.signal]) : usage.signal,
    usage,
    mcp: mcpPool(mission),
  };
}

export { sleep } from '../../sleep.js';

/** "act a b": a step's ground action, the key of attempts and rejections. */
export const groundKey = (s: { action: string; args: readonly string[] }): string =>
  [s.action, ...s.args].join(' ');
