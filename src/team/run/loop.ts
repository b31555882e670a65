/**
 * The mission loop. It reads like the pipeline it is:
 *   derive facts -> plan -> deorder -> allocate -> run ready steps in parallel ->
 *   apply observed effects -> re-plan when a step fails or the world diverges -> done.
 * Every decision is appended to the run's event log before it takes effect, so a
 * crashed run can be resumed from the log (see resume.ts).
 */
import type { Condition, Domain, PlanStep } from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/index.js';
import { plan } from '../planning.js';
import { validate } from '../../planner/validator/index.js';
import type { RunStore } from '../../store/runs.js';
import { allocate } from './allocate.js';
import { deorder, derivedBases, effAtoms } from './deorder.js';
import type { Touch } from './deorder.js';
import type {
  ApprovalDecision,
  ApprovalRequest,
  PlannedStep,
  RunEvent,
  RunEventType,
  RunSummary,
} from '../events.js';
import { parseAtomText, factKey, problemFor, showFact } from '../facts.js';
import { stateView } from '../state-view.js';
import type { Mission, ToolOutcome, World } from '../types.js';
import { explainGoalDetail } from '../explain/whynot.js';
import { teamKnowledge } from '../knowledge.js';

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
  /** Ground action "act a b" -> tries recorded so far. */
  attempts: Map<string, number>;
  /** Ground actions a person rejected: never planned again. */
  rejected: Set<string>;
  /** Reason of the first plan ('initial plan', 'resumed ...'). */
  firstReason: string;
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

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((res, rej) => {
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      res();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      rej(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A copy of the domain where each rejected ground action can no longer be planned. */
function forbid(domain: Domain, rejected: ReadonlySet<string>): Domain {
  if (rejected.size === 0) return domain;
  const byAction = new Map<string, string[][]>();
  for (const r of rejected) {
    const [a, ...args] = r.split(' ');
    byAction.set(a!, [...(byAction.get(a!) ?? []), args]);
  }
  return {
    ...domain,
    actions: domain.actions.map((a) => {
      const bans = byAction.get(a.name);
      if (bans === undefined) return a;
      const extra: Condition[] = bans.map((args) => ({
        kind: 'not',
        arg: {
          kind: 'and',
          args: args.map(
            (v, i) =>
              ({
                kind: 'atom',
                atom: { predicate: '=', args: [a.params[i]!.name, v] },
              }) as Condition,
          ),
        },
      }));
      return {
        ...a,
        precondition: {
          kind: 'and',
          args: [...(a.precondition === undefined ? [] : [a.precondition]), ...extra],
        },
      };
    }),
  };
}

/**
 * Splits derived predicates: those whose rules read (transitively) no predicate an
 * action changes are static for the planner — their facts are passed as initial facts,
 * recomputed at every planning from the observed state — the others stay derived.
 */
export function splitDerived(domain: Domain): {
  staticNames: Set<string>;
  dynamic: Domain['derived'];
} {
  const fluent = new Set<string>();
  for (const a of domain.actions) {
    const t: Touch = { pre: [], add: [], del: [] };
    effAtoms(a.effect, new Map(), t);
    for (const p of [...t.add, ...t.del]) fluent.add(p.pred);
  }
  const bases = derivedBases(domain);
  const staticNames = new Set(
    [...bases].filter(([, b]) => ![...b].some((p) => fluent.has(p))).map(([d]) => d),
  );
  return { staticNames, dynamic: domain.derived.filter((d) => !staticNames.has(d.head.name)) };
}

/** Runs the mission from `start` until the goal holds or no plan exists. */
export async function runLoop(
  store: RunStore,
  mission: Mission,
  start: LoopStart,
  options: LoopOptions,
): Promise<RunSummary> {
  const { runId, goal } = start;
  const facts = start.facts;
  const world: World | undefined = mission.world?.(start.seed);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxReplans = options.maxReplans ?? 5;
  const timeScale = options.timeScale ?? 1;
  const signal = options.signal;
  let { stepCounter, planVersion, replans } = start;
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
    if (view.holds(goal, facts)) return finish('succeeded');
    emit('facts.derived', { facts: knowledge.derived() });

    // Plan from the observed state.
    const domain = forbid(mission.domain, start.rejected);
    const t0 = performance.now();
    // Derived facts no action can change are computed here and given as facts.
    const planDomain = { ...domain, derived: split.dynamic };
    const staticFacts = [...view.closure(facts)].filter((f) =>
      split.staticNames.has(f.split(' ')[0]!),
    );
    const result = await plan(planDomain, problemFor(mission, [...facts, ...staticFacts], goal), {
      timeLimitMs: options.planTimeLimitMs ?? 30000,
      ...(signal === undefined ? {} : { signal }),
    });
    const planMs = performance.now() - t0;
    if (result.status !== 'solved') {
      const { lines: whyNot, missingCapabilities: caps } = explainGoalDetail(
        mission,
        goal,
        facts,
        knowledge,
      );
      const needs =
        caps.length === 0
          ? ''
          : `; it needs ${caps.length === 1 ? 'a capability' : 'capabilities'} no agent has: ${caps.map((c) => `'${c}'`).join(', ')}`;
      const why =
        result.status === 'unsolvable'
          ? `no plan reaches the goal ${formatCondition(goal)}${needs}`
          : `the planner stopped (${result.reason}) before finding a plan`;
      emit('plan.failed', { reason: why, whyNot });
      return finish('failed', why, whyNot);
    }
    const ids = result.plan.map((_, i) => `s${stepCounter + i + 1}`);
    const ordered = deorder(domain, result.plan, goal, ids);
    const alloc = allocate(ordered, mission.agents, mission.tools);
    if (!alloc.ok) {
      const why = `no agent has the capability '${alloc.error.capability}' for (${alloc.error.action} ...)`;
      emit('plan.failed', { reason: why, whyNot: [] });
      return finish('failed', why, []);
    }
    planVersion++;
    stepCounter += ordered.length;
    const steps: PlannedStep[] = ordered.map((s, i) => ({
      id: ids[i]!,
      action: s.action,
      args: s.args,
      agent: alloc.agents[i]!,
      dependsOn: s.dependsOn.map((d) => ids[d]!),
      supports: s.supports,
    }));
    // The plan and its assignments are written together, in one transaction.
    emitAll([
      {
        type: 'plan.made',
        data: {
          version: planVersion,
          reason,
          cost: result.cost,
          planMs: Math.round(planMs * 100) / 100,
          steps,
        },
      },
      ...steps.map((s) => ({
        type: 'step.assigned' as const,
        data: { stepId: s.id, agent: s.agent, action: s.action, args: s.args },
      })),
    ]);

    // Execute the partial order.
    const done = new Set<string>();
    const started = new Set<string>();
    const busy = new Set<string>();
    const running = new Map<string, Running>();
    let replanReason: string | undefined;
    /** Every step that failed in this round: the re-plan names them all. */
    const failures: string[] = [];

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
        failures.push(`step ${s.id} (${key}) failed: ${outcome.reason}`);
        replanReason ??= failures[0];
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
      if (diverged && replanReason === undefined) {
        const broken = remainingValid();
        if (broken !== undefined)
          replanReason = `the world differs from the plan after ${s.id} (${key}): ${broken}`;
      }
    };

    while (replanReason === undefined && done.size < steps.length) {
      // Start every ready step, in plan order, within the bounds (one step per agent at a time).
      const batch: PlannedStep[] = [];
      for (const s of steps) {
        if (running.size >= concurrency || replanReason !== undefined) break;
        if (started.has(s.id) || busy.has(s.agent) || !s.dependsOn.every((d) => done.has(d)))
          continue;
        const check = view.applicable(s, facts);
        if (!check.ok) {
          replanReason = `step ${s.id} (${groundKey(s)}) cannot start: ${check.unmet.join(', ')} no longer holds`;
          break;
        }
        started.add(s.id);
        busy.add(s.agent);
        running.set(s.id, { id: s.id, promise: Promise.resolve() });
        batch.push(s);
      }
      const attempts = batch.length > 0 ? recordStarts(batch) : [];
      batch.forEach((s, i) => {
        const p = runStep(s, attempts[i]!).finally(() => {
          running.delete(s.id);
          busy.delete(s.agent);
        });
        running.set(s.id, { id: s.id, promise: p });
      });
      if (running.size === 0) break;
      await Promise.race([...running.values()].map((r) => r.promise));
    }
    // Let steps in flight finish before planning again: their results are observations too.
    await Promise.all([...running.values()].map((r) => r.promise));
    if (failures.length > 0 && (failures.length > 1 || replanReason !== failures[0]))
      replanReason = [...new Set([replanReason!, ...failures])].join('; ');

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

async function askApproval(
  store: RunStore,
  runId: string,
  s: PlannedStep,
  options: LoopOptions,
  emit: (type: RunEventType, data: Record<string, unknown>) => void,
  signal: AbortSignal | undefined,
): Promise<ApprovalDecision> {
  const req: ApprovalRequest = {
    runId,
    stepId: s.id,
    agent: s.agent,
    action: s.action,
    args: s.args,
  };
  emit('approval.requested', { stepId: s.id, agent: s.agent, action: s.action, args: s.args });
  let decision: ApprovalDecision;
  const mode = options.approve ?? 'store';
  if (mode === 'auto') decision = { approved: true, by: 'auto-approve' };
  else if (typeof mode === 'function') decision = await mode(req);
  else {
    store.setStatus(runId, 'waiting-approval');
    for (;;) {
      const d = store.decision(runId, s.id);
      if (d !== undefined) {
        decision = {
          approved: d.approved,
          ...(d.by === null ? {} : { by: d.by }),
          ...(d.reason === null ? {} : { reason: d.reason }),
        };
        break;
      }
      await sleep(50, signal);
    }
    store.setStatus(runId, 'running');
  }
  store.decide(runId, s.id, decision);
  emit('approval.given', {
    stepId: s.id,
    approved: decision.approved,
    by: decision.by ?? 'unknown',
    ...(decision.reason === undefined ? {} : { reason: decision.reason }),
  });
  return decision;
}
