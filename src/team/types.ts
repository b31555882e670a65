/**
 * The team's vocabulary: planning tools (a tool with a PDDL meaning), agents that hold
 * tools, and missions (facts + rules + goal + team).
 */
import type { Model } from '../models/index.js';
import type { Tool } from '../agents/index.js';
import type { McpServerConfig } from '../mcp/index.js';
import type { ActionDef, Condition, Domain } from '../pddl/ast.js';

/** An action no agent of the team can carry out, and the capability it would take. */
export interface IdleAction {
  action: ActionDef;
  capability: string;
}

/** What a tool reports after it ran: the planned effects happened (plus extras), or it failed. */
export type ToolOutcome =
  | {
      ok: true;
      /** Did the declared effects happen? Default true. When false only `assert`/`retract` apply. */
      confirmed?: boolean;
      /** Extra facts observed true, as PDDL atoms: `(declined alice)`. */
      assert?: string[];
      /** Facts observed false. */
      retract?: string[];
      /** Free text for the log. */
      note?: string;
      /** What the step wrote for the steps that depend on it (stored with the run). */
      product?: { title: string; markdown: string };
    }
  /** The step failed; facts observed meanwhile (e.g. `(declined alice)`) may be reported too. */
  | { ok: false; reason: string; assert?: string[]; retract?: string[] };

export interface ToolContext {
  runId: string;
  stepId: string;
  agent: string;
  /** Observed facts at the start of the step ("pred a b" keys). */
  facts: ReadonlySet<string>;
  signal: AbortSignal;
  /**
   * Which try of this ground action in the run this step is: 1 for the first, 2 for the
   * next. Tries cut short by a crash or Ctrl-C do not count (the resumed run makes the same
   * try, with the same number), so (action, args, attempt) identifies the step across a
   * resume: a simulated world keys its randomness on it, never on call order or time.
   */
  attempt: number;
  /**
   * The step's identity in the run ("RUN/STEP"), the same on every try of this step: a
   * step whose worker died is run again by another (at least once), so a tool with side
   * effects outside the run (a payment, a message) uses it to do them once.
   */
  idempotencyKey: string;
  /** Sleeps `ms` of simulated time, scaled by the run's time scale. */
  wait(ms: number): Promise<void>;
  /**
   * Reports a model call made for this step (its tokens): recorded in the run's log and
   * counted against the run's budget. Past the budget the run stops (`signal` aborts).
   */
  recordUsage(call: {
    model: string;
    usage: { inputTokens: number; outputTokens: number };
  }): Promise<void>;
}

/**
 * A tool with a planning signature: typed parameters, a precondition and an effect with
 * PDDL meaning (`?name` refers to a parameter). The planner plans with the signature;
 * `execute` reports what actually happened.
 */
export interface PlanningTool {
  name: string;
  description: string;
  /** Ordered parameters: name (without `?`) -> type. */
  params: ReadonlyArray<readonly [string, string]>;
  /** PDDL condition text, e.g. `(and (qualified ?c) (not (hired ?c)))`; '' for none. */
  precondition: string;
  /** PDDL effect text, e.g. `(and (hired ?c) (not (open ?r)))`. */
  effect: string;
  /** The capability an agent needs to use this tool (default: the tool's name). */
  capability?: string;
  /** Pause the step until a person approves it. */
  needsApproval?: boolean;
  /**
   * Done by the assigned agent's model (src/team/work): `instruction` is a template naming
   * the step's arguments (`{{c}}`) and the mission (`{{mission.description}}`). Without a
   * model the mission's simulated world carries the step out, and says so.
   */
  byModel?: { instruction: string };
  /**
   * The tool has no declared model: it is learned from the mission's earlier runs before
   * each planning (src/team/learning). `precondition` and `effect` then hold the
   * `bootstrap` model, used unverified until the tool is first observed, or '' and '(and)'.
   * Its steps change exactly the facts the tool reports (`assert`, `retract`): the model's
   * effects are what the planner expects, never taken as observed.
   */
  learned?: { bootstrap: boolean };
  /** Carried out by a tool of one of the mission's MCP servers (src/team/mcp). */
  mcp?: McpStep;
  /**
   * Running a step twice does no harm (the tool uses `ToolContext.idempotencyKey`, or has
   * no side effect): a step in flight when its run stopped is run again on resume without
   * asking. Otherwise an MCP tool or a tool in code asks first (`step.in-doubt`).
   */
  idempotent?: boolean;
  execute(args: Record<string, string>, ctx: ToolContext): Promise<ToolOutcome>;
}

/**
 * A planning tool carried out by an MCP tool: `arguments` is JSON whose strings are
 * templates naming the step's parameters (`{{d}}`), `{{mission.name}}`,
 * `{{mission.description}}` and `{{inputs}}` (the work products the step depends on).
 */
export interface McpStep {
  /** A key of the mission's `mcpServers`. */
  server: string;
  /** The tool's name as the server lists it. */
  tool: string;
  arguments: Record<string, unknown>;
  /** A title template: the result's text becomes the step's work product under it. */
  product?: string;
  /** Longest the call may take, in ms (default: the server's `timeoutMs`). */
  timeoutMs?: number;
}

/**
 * An MCP server of a mission as written: `${NAME}` in its strings names an environment
 * variable (or `${MISSION_DIR}`), expanded when the run starts the server; relative
 * paths (`cwd`, a `./` command) are relative to `dir`, the server's default working folder.
 */
export interface MissionMcpServer {
  config: McpServerConfig & { name: string };
  dir: string;
}

/** An agent of the team: what it can do and what a step costs when it does it. */
export interface TeamAgent {
  name: string;
  role?: string;
  capabilities: string[];
  /** Cost of one step done by this agent (default 1); the cheapest capable agent wins. */
  cost: number;
  /** The agent's own model for model-driven steps (default: the run's `model`). */
  model?: Model;
  /** The agent's own tools (src/agents), offered to its model in model-driven steps. */
  ownTools?: readonly Tool[];
}

/** A seeded simulated world: decides what each tool call actually does. */
export interface World {
  execute(tool: PlanningTool, args: Record<string, string>, ctx: ToolContext): Promise<ToolOutcome>;
}

export interface Mission {
  name: string;
  description: string;
  /** The folder the mission was loaded from, if any. */
  dir?: string;
  /** The team's action model: one action per planning tool some agent can use, plus derived predicates. */
  domain: Domain;
  /** Actions of the model no agent can carry out: not planned with; the why-not names them. */
  idle?: readonly IdleAction[];
  objects: { name: string; type: string }[];
  /** Initial observed facts, "pred a b" keys. */
  facts: string[];
  /** Reasoner program text (rules, possibly facts), '' for none. */
  rules: string;
  goal: Condition;
  agents: TeamAgent[];
  /** Action name -> the tool that carries it out. */
  tools: Map<string, PlanningTool>;
  /** MCP servers the mission's tools call (`PlanningTool.mcp.server` names one), started per run. */
  mcpServers?: ReadonlyMap<string, MissionMcpServer>;
  /** Optional simulated world (examples); without one tools run their own execute. */
  world?: (seed: number) => World;
  /** Simulated duration of a step in ms, before the run's time scale (default 0). */
  stepDurationMs?: (action: string) => number;
  /**
   * Actions of the tools whose model is learned (PlanningTool.learned), parameters only,
   * with their bootstrap model if any: not in `domain` until a model is chosen for them
   * before planning (src/team/learning).
   */
  learnedActions?: readonly LearnedToolAction[];
}

/** A learned tool's action: its parameters, and its bootstrap model (mission.yaml) if it has one. */
export interface LearnedToolAction {
  action: ActionDef;
  bootstrap?: ActionDef;
}

/** Builds a planning tool with a typed helper for params given as an object. */
export function planningTool(spec: {
  name: string;
  description?: string;
  params?: Record<string, string>;
  precondition?: string;
  effect: string;
  capability?: string;
  needsApproval?: boolean;
  byModel?: { instruction: string };
  learned?: { bootstrap: boolean };
  mcp?: McpStep;
  idempotent?: boolean;
  execute?: PlanningTool['execute'];
}): PlanningTool {
  const tool: PlanningTool = {
    name: spec.name.toLowerCase(),
    description: spec.description ?? '',
    params: Object.entries(spec.params ?? {}).map(
      ([k, v]) => [k.replace(/^\?/, '').toLowerCase(), v.toLowerCase()] as const,
    ),
    precondition: spec.precondition ?? '',
    effect: spec.effect,
    needsApproval: spec.needsApproval ?? false,
    execute: spec.execute ?? (async () => ({ ok: true })),
  };
  if (spec.capability !== undefined) tool.capability = spec.capability;
  if (spec.byModel !== undefined) tool.byModel = { instruction: spec.byModel.instruction };
  if (spec.learned !== undefined) tool.learned = { bootstrap: spec.learned.bootstrap };
  if (spec.mcp !== undefined) tool.mcp = { ...spec.mcp, server: spec.mcp.server.toLowerCase() };
  if (spec.idempotent !== undefined) tool.idempotent = spec.idempotent;
  return tool;
}
