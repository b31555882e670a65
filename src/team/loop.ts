/**
 * The mission loop. It reads like the pipeline it is:
 *   derive facts -> plan -> deorder -> allocate -> run ready steps in parallel ->
 *   apply observed effects -> re-plan when a step fails or the world diverges -> done.
 * Every decision is appended to the run's event log before it takes effect, so a
 * crashed run can be resumed from the log (see replay.ts): a resumed run continues the
 * round it was in, with the same plan.
 */
import type { Condition, PlanStep } from '../pddl/ast.js';
import { validate } from '../planner/validator/index.js';
import type { RunStore } from '../store/runs.js';
import { askApproval, sleep } from './approval.js';
import { splitDerived } from './deorder.js';
import type {
  ApprovalDecision,
  ApprovalRequest,
  PlannedStep,
  RunEvent,
  RunEventType,
  RunSummary,
} from './events.js';
import { parseAtomText, factKey, problemFor, showFact } from './facts.js';
import { forbid, planRound } from './plan-round.js';
import type { OpenRound } from './replay.js';
import { stateView } from './state.js';
import type { Mission, ToolOutcome, World } from './types.js';
import { teamKnowledge } from './knowledge.js';

export { splitDerived };

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
}

/** Where a run starts from: fresh, or the state replayed from the log. */
export interface LoopStart {
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
  /** Steps executed (finished or failed) before this session: 0 for a fresh run. */
  executedBefore?: number;
  startedMs: number;
}

interface Running {
  id: string;
  promise: Promise<void>;
}

const groundKey = (s: { action: string; args: readonly string[] }): string =>
  [s.action, ...s.args].join(' ');

/** Runs the mission from `start` until the goal holds or no plan exists. */
export async function runLoop(
  store: RunStore,
  mission: Mission,
  start: LoopStart,
  options: LoopOptions,
): Promise<RunSummary> {
  const { runId, goal } = start;
  const facts = start.facts;
  const world: World | undefined = start.world ?? mission.world?.(start.seed);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxReplans = options.maxReplans ?? 5;
  const timeScale = options.timeScale ?? 1;
  const signal = options.signal;
  let { stepCounter, planVersion, replans } = start;
  let round = start.round;
  let executed = 0;
  let reason = start.firstReason;
  const knowledge = teamKnowledge(mission.rules, facts);
  const view = stateView(mission, mission.rules === '' ? undefined : () => knowledge.derivedKeys());
  const split = splitDerived(mission.domain);

  const emit = (type: RunEventType, data: Record<string, unknown>): void => {
    const e = store.append(runId, type, data) as RunEvent;
    options.onEvent?.(e);
  };
  const emitAll = (events: { type: RunEventType; data: Record<string, unknown> }[]): void => {
    for (const e of store.appendAll(runId, events) as RunEvent[]) options.onEvent?.(e);
  };
  const finish = (status: 'succeeded' | 'failed', why?: string, whyNot?: string[]): RunSummary => {
    const elapsedMs = Date.now() - start.startedMs;
    // Steps and re-plans count the whole run; a resumed run also says what this session did.
    const before = start.executedBefore ?? 0;
    const summary: RunSummary = {
      runId,
      status,
      steps: before + executed,
      replans,
      elapsedMs,
      ...(start.executedBefore === undefined ? {} : { sessionSteps: executed }),
      ...(why === undefined ? {} : { reason: why }),
      ...(whyNot === undefined ? {} : { whyNot }),
    };
    emit('run.finished', { ...summary });
    store.setStatus(runId, status);
    return summary;
  };

  for (;;) {
    signal?.throwIfAborted();
    const domain = forbid(mission.domain, start.rejected);
    let steps: PlannedStep[];
    const resumed = round;
    round = undefined;
    if (resumed !== undefined) steps = resumed.steps;
    else {
      if (view.holds(goal, facts)) return finish('succeeded');
      emit('facts.derived', { facts: knowledge.derived() });
      // Plan from the observed state.
      const planned = await planRound({
        mission,
        domain,
        goal,
        facts,
        view,
        knowledge,
        split,
        stepCounter,
        timeLimitMs: options.planTimeLimitMs ?? 30000,
        signal,
      });
      if (!planned.ok) {
        emit('plan.failed', { reason: planned.why, whyNot: planned.whyNot });
        return finish('failed', planned.why, planned.whyNot);
      }
      steps = planned.steps;
      planVersion++;
      stepCounter += steps.length;
      // The plan and its assignments are written together, in one transaction.
      emitAll([
        {
          type: 'plan.made',
          data: {
            version: planVersion,
            reason,
            cost: planned.cost,
            planMs: Math.round(planned.planMs * 100) / 100,
            steps,
          },
        },
        ...steps.map((s) => ({
          type: 'step.assigned' as const,
          data: { stepId: s.id, agent: s.agent, action: s.action, args: s.args },
        })),
      ]);
    }
    // Execute the partial order (a resumed round: what is left of it).
    const done = new Set<string>(resumed?.done);
    const started = new Set<string>([...done, ...(resumed?.failed ?? []).map((f) => f.id)]);
    const busy = new Set<string>();
    const running = new Map<string, Running>();
    /**
     * What calls for a re-plan, by step: it failed, the world diverged after it, or it can no
     * longer start. The round still runs every step that does not wait for a troubled one,
     * so which steps run, and the re-plan's reason (in plan order), do not depend on timing.
     */
    const troubles = new Map<string, string>();
    for (const f of resumed?.failed ?? []) {
      const s = steps.find((x) => x.id === f.id);
      troubles.set(
        f.id,
        `step ${f.id} (${s === undefined ? '?' : groundKey(s)}) failed: ${f.reason}`,
      );
    }
    let crash: { err: unknown } | undefined;

    const remainingValid = (): string | undefined => {
      const rest: PlanStep[] = steps
        .filter((s) => !done.has(s.id))
        .map((s) => ({ action: s.action, args: s.args }));
      const v = validate(domain, problemFor(mission, facts, goal), rest);
      return v.valid ? undefined : v.message;
    };

    /**
     * Applies a step's observed effects and records the step's end and the fact changes
     * in one transaction, so the log never shows a finished step without its effects.
     */
    const record = (
      type: 'step.finished' | 'step.failed',
      data: Record<string, unknown>,
      ops: [string, boolean][],
      diverged: boolean,
    ): void => {
      const was = new Map<string, boolean>();
      const set = (k: string, present: boolean): void => {
        if (!was.has(k)) was.set(k, facts.has(k));
        if (present) facts.add(k);
        else facts.delete(k);
      };
      for (const [k, present] of ops) set(k, present);
      const added = [...was].filter(([k, w]) => !w && facts.has(k)).map(([k]) => k);
      const deleted = [...was].filter(([k, w]) => w && !facts.has(k)).map(([k]) => k);
      const derived = knowledge.update(added, deleted);
      const events: { type: RunEventType; data: Record<string, unknown> }[] = [{ type, data }];
      if (added.length > 0 || deleted.length > 0) {
        events.push({
          type: 'facts.changed',
          data: {
            stepId: data.stepId,
            added: added.map(showFact),
            deleted: deleted.map(showFact),
            diverged,
            derivedAdded: derived.added,
            derivedRemoved: derived.removed,
          },
        });
      }
      emitAll(events);
    };
    const keys = (atoms: string[] | undefined): string[] =>
      (atoms ?? []).flatMap((r) => {
        const a = parseAtomText(r);
        return a ? [factKey(a.predicate, a.args)] : [];
      });
    /** What a tool reported: retractions, then assertions (PDDL order: deletes before adds). */
    const observed = (
      retract: string[] | undefined,
      assert: string[] | undefined,
    ): [string, boolean][] => [
      ...keys(retract).map((k) => [k, false] as [string, boolean]),
      ...keys(assert).map((k) => [k, true] as [string, boolean]),
    ];

    /** Records the start of steps launched together (one transaction) and returns their attempts. */
    const recordStarts = (batch: PlannedStep[]): number[] => {
      const attempts = batch.map((s) => {
        const key = groundKey(s);
        const attempt = (start.attempts.get(key) ?? 0) + 1;
        start.attempts.set(key, attempt);
        return attempt;
      });
      emitAll(
        batch.map((s, i) => ({
          type: 'step.started' as const,
          data: {
            stepId: s.id,
            agent: s.agent,
            action: s.action,
            args: s.args,
            attempt: attempts[i]!,
          },
        })),
      );
      return attempts;
    };

    const runStep = async (s: PlannedStep, attempt: number): Promise<void> => {
      const key = groundKey(s);
      const expected = view.applicable(s, facts);
      const t = Date.now();
      const tool = mission.tools.get(s.action)!;
      let outcome: ToolOutcome;
      if (tool.needsApproval) {
        const decision = await askApproval(store, runId, s, options, emit, signal);
        if (!decision.approved) {
          start.rejected.add(key);
          outcome = {
            ok: false,
            reason: `rejected by ${decision.by ?? 'a reviewer'}${decision.reason ? `: ${decision.reason}` : ''}`,
          };
        }
      }
      outcome ??= await (async () => {
        const args = Object.fromEntries(tool.params.map(([p], i) => [p, s.args[i]!]));
        const ctx = {
          runId,
          stepId: s.id,
          agent: s.agent,
          facts: new Set(facts),
          signal: signal ?? new AbortController().signal,
          attempt,
          wait: (ms: number) => sleep(ms * timeScale, signal),
        };
        await ctx.wait(mission.stepDurationMs?.(s.action) ?? 0);
        try {
          return world !== undefined
            ? await world.execute(tool, args, ctx)
            : await tool.execute(args, ctx);
        } catch (err) {
          if (signal?.aborted) throw err;
          return { ok: false, reason: err instanceof Error ? err.message : String(err) };
        }
      })();
      const ms = Date.now() - t;
      executed++;
      if (!outcome.ok) {
        record(
          'step.failed',
          {
            stepId: s.id,
            agent: s.agent,
            action: s.action,
            args: s.args,
            ms,
            reason: outcome.reason,
          },
          observed(outcome.retract, outcome.assert),
          true,
        );
        troubles.set(s.id, `step ${s.id} (${key}) failed: ${outcome.reason}`);
        return;
      }
      // Observed effects: the declared ones when confirmed, then what the tool reported.
      const confirmed = outcome.confirmed !== false;
      const diverged =
        !confirmed || (outcome.assert?.length ?? 0) > 0 || (outcome.retract?.length ?? 0) > 0;
      record(
        'step.finished',
        {
          stepId: s.id,
          agent: s.agent,
          action: s.action,
          args: s.args,
          ms,
          ...(outcome.note === undefined ? {} : { note: outcome.note }),
        },
        [
          ...(confirmed
            ? [
                ...expected.deletes.map((k) => [k, false] as [string, boolean]),
                ...expected.adds.map((k) => [k, true] as [string, boolean]),
              ]
            : []),
          ...observed(outcome.retract, outcome.assert),
        ],
        diverged,
      );
      done.add(s.id);
      const broken = diverged ? remainingValid() : undefined;
      if (broken !== undefined)
        troubles.set(s.id, `the world differs from the plan after ${s.id} (${key}): ${broken}`);
    };

    /** Records the start of a batch (one transaction), then runs its steps. */
    const launch = (batch: PlannedStep[]): void => {
      const attempts = batch.length > 0 ? recordStarts(batch) : [];
      batch.forEach((s, i) => {
        // A step that throws (Ctrl-C, a store failure, a bug) stops the run: kept here, since
        // a rejection after the race below settled would otherwise be lost.
        const p = runStep(s, attempts[i]!)
          .catch((err: unknown) => {
            crash ??= { err };
          })
          .finally(() => {
            running.delete(s.id);
            busy.delete(s.agent);
          });
        running.set(s.id, { id: s.id, promise: p });
      });
    };
    if (resumed !== undefined) {
      // Steps cut short by the interruption run again first (the interrupted run would have
      // let them finish even after a failure); a divergence recorded before still counts.
      const again = steps.filter((s) => resumed.inFlight.includes(s.id));
      for (const s of again) {
        started.add(s.id);
        busy.add(s.agent);
      }
      launch(again);
      const first = steps.find((s) => s.id === resumed.diverged[0]);
      const broken = first !== undefined && troubles.size === 0 ? remainingValid() : undefined;
      if (broken !== undefined)
        troubles.set(
          first!.id,
          `the world differs from the plan after ${first!.id} (${groundKey(first!)}): ${broken}`,
        );
    }

    while (done.size < steps.length) {
      // Start every ready step, in plan order, within the bounds (one step per agent at a time).
      const batch: PlannedStep[] = [];
      for (const s of steps) {
        if (running.size >= concurrency) break;
        if (started.has(s.id) || busy.has(s.agent) || !s.dependsOn.every((d) => done.has(d)))
          continue;
        const check = view.applicable(s, facts);
        if (!check.ok) {
          started.add(s.id); // never started: it and what waits for it go to the re-plan
          troubles.set(
            s.id,
            `step ${s.id} (${groundKey(s)}) cannot start: ${check.unmet.join(', ')} no longer holds`,
          );
          continue;
        }
        started.add(s.id);
        busy.add(s.agent);
        running.set(s.id, { id: s.id, promise: Promise.resolve() });
        batch.push(s);
      }
      launch(batch);
      if (running.size === 0) break;
      await Promise.race([...running.values()].map((r) => r.promise));
      if (crash !== undefined) throw crash.err;
    }
    // Let steps in flight finish before planning again: their results are observations too.
    await Promise.all([...running.values()].map((r) => r.promise));
    if (crash !== undefined) throw crash.err;
    let replanReason =
      troubles.size === 0
        ? undefined
        : steps
            .filter((s) => troubles.has(s.id))
            .map((s) => troubles.get(s.id)!)
            .join('; ');
    if (replanReason === undefined && done.size === steps.length && !view.holds(goal, facts))
      replanReason = `the plan ran but the goal does not hold: ${view.unmet(goal, facts).join(', ')}`;
    if (replanReason === undefined) continue;
    if (replans >= maxReplans)
      return finish(
        'failed',
        `gave up after ${replans} re-plans; last: ${replanReason}`,
        view.unmet(goal, facts),
      );
    replans++;
    emit('replan', { version: planVersion + 1, reason: replanReason });
    reason = replanReason;
  }
}
