/**
 * The explicit state of a run, which every stage of the pipeline reads and updates: the
 * observed facts and the reasoner over them, the counters that name steps and plans, the
 * attempts and rejections that shape the next plan.
 */
import type { Condition, Domain } from '../../pddl/ast.js';
import type { PlannedStep } from '../log/events.js';
import type { OpenRound } from '../log/replay.js';
import { teamKnowledge } from '../knowledge.js';
import type { TeamKnowledge } from '../knowledge.js';
import { stateView } from '../state-view.js';
import type { StateView } from '../state-view.js';
import type { Mission, World } from '../types.js';
import type { RunUsageStart } from './budget.js';

/** Where a run starts from: fresh, or the state replayed from its log. */
export interface RunStart {
  runId: string;
  seed: number;
  goal: Condition;
  facts: Set<string>;
  stepCounter: number;
  planVersion: number;
  replans: number;
  /**
   * Ground action "act a b" -> its tries with a recorded outcome. A try cut short by a
   * crash is not one: the resumed run makes the same try again, with the same number.
   */
  attempts: Map<string, number>;
  /** Ground actions a person rejected: never planned again. */
  rejected: Set<string>;
  /** Reason of the first plan made ('initial plan', or the re-plan the log ended with). */
  firstReason: string;
  /** The plan whose round the run was in when it stopped: continued before planning again. */
  round?: OpenRound;
  /** The simulated world, made before the run starts (default: the mission's, for `seed`). */
  world?: World;
  /** Steps executed (finished or failed) before this session: undefined for a fresh run. */
  executedBefore?: number;
  startedMs: number;
  /** Model usage before this session (a resume) and the budget in force. */
  usage?: RunUsageStart;
}

export interface RunState {
  /** Observed basic facts, "pred a b" keys. */
  readonly facts: Set<string>;
  /** The mission's rules over `facts`, kept up to date as steps report. */
  readonly knowledge: TeamKnowledge;
  /** Conditions evaluated over `facts` and what the rules derive from them (remade when learned models change). */
  view: StateView;
  /** The highest step number given so far (steps are s1, s2...). */
  stepCounter: number;
  planVersion: number;
  replans: number;
  /** Steps executed (finished or failed) in this session. */
  executed: number;
  readonly executedBefore: number | undefined;
  readonly attempts: Map<string, number>;
  readonly rejected: Set<string>;
  /** Why the next plan is made: the first plan's reason, then each re-plan's. */
  reason: string;
  readonly startedMs: number;
}

/** The state view of `mission`'s domain, the rules' derived facts from the team's reasoner. */
export function viewOf(mission: Mission, knowledge: TeamKnowledge): StateView {
  return stateView(mission, mission.rules === '' ? undefined : () => knowledge.derivedKeys());
}

export function runState(mission: Mission, start: RunStart): RunState {
  const knowledge = teamKnowledge(mission.rules, start.facts);
  return {
    facts: start.facts,
    knowledge,
    view: viewOf(mission, knowledge),
    stepCounter: start.stepCounter,
    planVersion: start.planVersion,
    replans: start.replans,
    executed: 0,
    executedBefore: start.executedBefore,
    attempts: start.attempts,
    rejected: start.rejected,
    reason: start.firstReason,
    startedMs: start.startedMs,
  };
}

/** A round: one plan version being carried out. */
export interface Round {
  /** The domain the plan was made in (rejected actions forbidden). */
  readonly domain: Domain;
  readonly steps: readonly PlannedStep[];
  /** Steps that finished. */
  readonly done: Set<string>;
  /**
   * What calls for a re-plan, by step: it failed, the world diverged after it, or it can no
   * longer start. The round still runs every step that does not wait for a troubled one,
   * so which steps run, and the re-plan's reason (in plan order), do not depend on timing.
   */
  readonly troubles: Map<string, string>;
}

/** A step ready to start, with what its precondition check found (its expected effects). */
export interface ReadyStep {
  step: PlannedStep;
  expected: ReturnType<StateView['applicable']>;
  /** Started before the run stopped, with no outcome in its log (resumed-step.ts). */
  resumed?: boolean;
}
