/**
 * Stage 3, execute a round: the plan's partial order runs with bounded parallelism —
 * every ready step starts, in plan order, at most `concurrency` at once and one step per
 * agent — until every step is done or something calls for a re-plan (a step failed, the
 * world diverged, a step can no longer start). Steps in flight then finish: their results
 * are observations too.
 */
import type { Domain } from '../../pddl/ast.js';
import type { PlannedStep } from '../log/events.js';
import { groundKey } from './context.js';
import type { RunContext } from './context.js';
import type { ReadyStep, Round, RunState } from './state.js';
import { runStep } from './step.js';
import { stepSpan } from './trace.js';

export async function executeRound(
  ctx: RunContext,
  state: RunState,
  domain: Domain,
  steps: readonly PlannedStep[],
): Promise<Round> {
  const round: Round = { domain, steps, done: new Set(), failures: [], replanReason: undefined };
  const started = new Set<string>();
  const busy = new Set<string>();
  const running = new Map<string, Promise<void>>();
  // A step that throws (Ctrl-C, a store failure, a bug) stops the run: kept here, since a
  // rejection after the race below settled would otherwise be lost.
  let crash: { err: unknown } | undefined;
  while (round.replanReason === undefined && round.done.size < steps.length) {
    const batch = readySteps(ctx, state, round, { started, busy, inFlight: running.size });
    const attempts = batch.length > 0 ? await recordStarts(ctx, state, batch) : [];
    batch.forEach((ready, i) => {
      const p = stepSpan(ctx, ready, () => runStep(ctx, state, round, ready, attempts[i]!))
        .catch((err: unknown) => {
          crash ??= { err };
        })
        .finally(() => {
          running.delete(ready.step.id);
          busy.delete(ready.step.agent);
        });
      running.set(ready.step.id, p);
    });
    if (running.size === 0) break;
    await Promise.race(running.values());
    if (crash !== undefined) throw crash.err;
  }
  await Promise.all(running.values());
  if (crash !== undefined) throw crash.err;
  return round;
}

/**
 * The steps that can start now, in plan order, within the bounds; a step whose
 * precondition no longer holds stops the round (the plan is broken: re-plan).
 */
function readySteps(
  ctx: RunContext,
  state: RunState,
  round: Round,
  now: { started: Set<string>; busy: Set<string>; inFlight: number },
): ReadyStep[] {
  const batch: ReadyStep[] = [];
  for (const s of round.steps) {
    if (now.inFlight + batch.length >= ctx.concurrency || round.replanReason !== undefined) break;
    if (
      now.started.has(s.id) ||
      now.busy.has(s.agent) ||
      !s.dependsOn.every((d) => round.done.has(d))
    )
      continue;
    const check = state.view.applicable(s, state.facts);
    if (!check.ok) {
      round.replanReason = `step ${s.id} (${groundKey(s)}) cannot start: ${check.unmet.join(', ')} no longer holds`;
      break;
    }
    now.started.add(s.id);
    now.busy.add(s.agent);
    batch.push({ step: s, expected: check });
  }
  return batch;
}

/** Records the start of steps launched together (one transaction); returns their attempt numbers. */
async function recordStarts(
  ctx: RunContext,
  state: RunState,
  batch: readonly ReadyStep[],
): Promise<number[]> {
  const attempts = batch.map(({ step }) => {
    const key = groundKey(step);
    const attempt = (state.attempts.get(key) ?? 0) + 1;
    state.attempts.set(key, attempt);
    return attempt;
  });
  await ctx.recorder.emit(
    ...batch.map(({ step: s }, i) => ({
      type: 'step.started' as const,
      data: { stepId: s.id, agent: s.agent, action: s.action, args: s.args, attempt: attempts[i]! },
    })),
  );
  return attempts;
}
