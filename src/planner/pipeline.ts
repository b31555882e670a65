/**
 * One planning run as a sequence of small steps: ground (groundSteps) → search (searchSteps) →
 * validate. Between two steps the driver checks the budget (time, memory, abort), reports
 * progress and hands over each plan found; `plan()` also gives the event loop a turn, so a
 * signal handler or an AbortSignal is seen within milliseconds, grounding included.
 */
import type { Domain, PlanStep, Problem } from '../pddl/ast.js';
import { Budget } from './budget.js';
import type { StopReason } from './budget.js';
import { groundSteps } from './ground.js';
import type { Counters, Outcome } from './search.js';
import { StateLimitError } from './state-space.js';
import { searchSteps } from './strategy.js';
import type { Best } from './strategy.js';
import { actionArgs, actionName } from './task.js';
import type { GroundTask } from './task.js';
import type { PlanOptions, PlanResult, SearchProgress, SearchStats } from './types.js';
import { validate } from './validator/index.js';

interface RunState {
  phase: 'grounding' | 'search';
  task: GroundTask | undefined;
  /** Actions found so far while grounding. */
  groundActions: number;
  counters: Counters;
  best: Best;
  groundingMs: number;
  searchStart: number;
}

function* runSteps(
  domain: Domain,
  problem: Problem,
  options: PlanOptions,
  st: RunState,
  budget: Budget,
): Generator<void, Outcome> {
  const g = groundSteps(domain, problem);
  let task: GroundTask;
  for (;;) {
    const r = g.next();
    if (r.done) {
      task = r.value;
      break;
    }
    st.groundActions = r.value.actions;
    yield;
  }
  st.task = task;
  st.groundingMs = budget.elapsed();
  st.searchStart = budget.now();
  st.phase = 'search';
  if (task.goalUnreachable) return { kind: 'unsolvable' };
  yield; // the budget is checked once more before the search starts
  return yield* searchSteps(task, options, st.counters, st.best);
}

function toSteps(task: GroundTask, actions: readonly number[]): PlanStep[] {
  return actions.map((a) => ({ action: actionName(task, a), args: actionArgs(task, a) }));
}

/** A run in progress: `step()` advances it; it returns the result once the run is over. */
export class Driver {
  readonly budget: Budget;
  private readonly st: RunState;
  private readonly gen: Generator<void, Outcome>;
  private lastProgress = -Infinity;
  private plansSeen = 0;
  private started = false;
  private readonly interval: number;

  constructor(
    private readonly domain: Domain,
    private readonly problem: Problem,
    private readonly options: PlanOptions,
  ) {
    this.budget = new Budget(options);
    this.st = {
      phase: 'grounding',
      task: undefined,
      groundActions: 0,
      counters: { expansions: 0, evaluations: 0, generated: 0, bestH: Infinity },
      best: { plans: 0 },
      groundingMs: 0,
      searchStart: 0,
    };
    this.gen = runSteps(domain, problem, options, this.st, this.budget);
    this.interval = options.progressIntervalMs ?? 200;
  }

  /** One step; the result once the run is over. */
  step(): PlanResult | undefined {
    if (!this.started) {
      this.started = true;
      const stop = this.budget.check();
      if (stop) return this.finish(stop);
    }
    let r: IteratorResult<void, Outcome>;
    try {
      r = this.gen.next();
    } catch (err) {
      if (err instanceof StateLimitError) return this.finish('memory');
      throw err;
    }
    this.reportPlans();
    if (r.done) return this.finish(r.value);
    const stop = this.budget.check();
    if (stop) return this.finish(stop);
    if (this.options.onProgress && this.budget.now() - this.lastProgress >= this.interval) {
      this.lastProgress = this.budget.now();
      this.options.onProgress(this.progress());
    }
    return undefined;
  }

  /** What the run has reached so far. */
  progress(): SearchProgress {
    const st = this.st;
    const p: SearchProgress = {
      phase: st.phase,
      groundActions: st.task?.actions.count ?? st.groundActions,
      expansions: st.counters.expansions,
      evaluations: st.counters.evaluations,
      bestH: st.counters.bestH,
      elapsedMs: Math.round(this.budget.elapsed()),
      plansFound: st.best.plans,
    };
    if (st.best.outcome) p.bestCost = st.best.outcome.cost;
    return p;
  }

  private reportPlans(): void {
    const { best, task } = this.st;
    if (best.plans === this.plansSeen || !best.outcome || !task) return;
    this.plansSeen = best.plans;
    this.options.onPlan?.(toSteps(task, best.outcome.actions), best.outcome.cost);
  }

  private stats(): SearchStats {
    const st = this.st;
    const searching = st.phase === 'search';
    return {
      expansions: st.counters.expansions,
      evaluations: st.counters.evaluations,
      generated: st.counters.generated,
      groundActions: st.task?.actions.count ?? st.groundActions,
      groundFacts: st.task?.facts.length ?? 0,
      groundingMs: Math.round(searching ? st.groundingMs : this.budget.elapsed()),
      searchMs: searching ? Math.round(this.budget.now() - st.searchStart) : 0,
      provenOptimal: st.best.proven === true,
      plansFound: st.best.plans,
      bestH: Number.isFinite(st.counters.bestH) ? st.counters.bestH : null,
      peakRssMb: this.budget.peakRssMb(),
    };
  }

  private finish(outcome: Outcome | StopReason): PlanResult {
    const { task, best } = this.st;
    const solved =
      typeof outcome === 'object' && outcome.kind === 'solved' ? outcome : best.outcome;
    if (solved && task) {
      const plan = toSteps(task, solved.actions);
      // The planner checks its own plan with the independent validator before returning it.
      const check = validate(this.domain, this.problem, plan);
      if (!check.valid)
        throw new Error(`internal error: the planner produced an invalid plan: ${check.message}`);
      const { cost, unitCost } = check;
      return { status: 'solved', plan, cost, unitCost, stats: this.stats() };
    }
    if (typeof outcome === 'object') return { status: 'unsolvable', stats: this.stats() };
    return { status: 'limit', reason: outcome, phase: this.st.phase, stats: this.stats() };
  }
}
