/**
 * Stage 3, execute a round: the plan's partial order runs with bounded parallelism —
 * every ready step starts, in plan order, at most `concurrency` at once and one step per
 * agent. A step that fails, diverges or can no longer start is a trouble (observe.ts):
 * the round still runs every step that does not wait for a troubled one, so which steps
 * run does not depend on timing. Steps in flight finish before the round ends: their
 * results are observations too. A resumed round (the log ended inside it) first runs
 * again the steps the interruption cut short.
 */
import type { OpenRound } from '../log/replay.js';
import { groundKey } from './context.js';
import type { RunContext } from './context.js';
import { restBroken } from './observe.js';
import type { ReadyStep, Round, RunState } from './state.js';
import { runStep } from './step.js';
import { stepSpan } from './trace.js';

/** Runs the round's steps until none is left that can run; `round` records what happened. */
export async function executeRound(
  ctx: RunContext,
  state: RunState,
  round: Round,
  resumed?: OpenRound,
): Promise<void> {
  const started = new Set<string>([...round.done, ...round.troubles.keys()]);
  const busy = new Set<string>();
  const running = new Map<string, Promise<void>>();
  // A step that throws (Ctrl-C, a store failure, a bug) stops the run: kept here, since a
  // rejection after the race below settled would otherwise be lost.
  let crash: { err: unknown } | undefined;
  /** Records the start of a batch (one transaction), then runs its steps. */
  const launch = async (batch: readonly ReadyStep[]): Promise<void> => {
    const attempts = await recordStarts(ctx, state, batch);
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
  };
  const again = resumed === undefined ? [] : cutShort(ctx, state, round, resumed, started, busy);
  if (again.length > 0) await launch(again);
  while (round.done.size < round.steps.length) {
    const batch = readySteps(ctx, state, round, { started, busy, inFlight: running.size });
    // Nothing can start and nothing runs: what is left waits for a troubled step.
    if (batch.length === 0 && running.size === 0) break;
    if (batch.length > 0) await launch(batch);
    if (running.size > 0) await Promise.race(running.values());
    if (crash !== undefined) throw crash.err;
  }
  await Promise.all(running.values());
  if (crash !== undefined) throw crash.err;
}

/**
 * A round resumed from the log: the steps the interruption cut short run again first (the
 * interrupted run would have let them finish even after a failure); a divergence recorded
 * before the interruption still counts.
 */
function cutShort(
  ctx: RunContext,
  state: RunState,
  round: Round,
  resumed: OpenRound,
  started: Set<string>,
  busy: Set<string>,
): ReadyStep[] {
  const first = round.steps.find((s) => s.id === resumed.diverged[0]);
  const broken =
    first !== undefined && round.troubles.size === 0 ? restBroken(ctx, state, round) : undefined;
  if (broken !== undefined)
    round.troubles.set(
      first!.id,
      `the world differs from the plan after ${first!.id} (${groundKey(first!)}): ${broken}`,
    );
  const again = round.steps.filter((s) => resumed.inFlight.includes(s.id));
  for (const s of again) {
    started.add(s.id);
    busy.add(s.agent);
  }
  return again.map((step) => ({
    step,
    expected: state.view.applicable(step, state.facts),
    resumed: true,
  }));
}

/**
 * The steps that can start now, in plan order, within the bounds. A step whose
 * precondition no longer holds is a trouble: it and what waits for it go to the re-plan.
 */
function readySteps(
  ctx: RunContext,
  state: RunState,
  round: Round,
  now: { started: Set<string>; busy: Set<string>; inFlight: number },
): ReadyStep[] {
  const batch: ReadyStep[] = [];
  for (const s of round.steps) {
    if (now.inFlight + batch.length >= ctx.concurrency) break;
    if (
      now.started.has(s.id) ||
      now.busy.has(s.agent) ||
      !s.dependsOn.every((d) => round.done.has(d))
    )
      continue;
    now.started.add(s.id);
    const check = state.view.applicable(s, state.facts);
    if (!check.ok) {
      round.troubles.set(
        s.id,
        `step ${s.id} (${groundKey(s)}) cannot start: ${check.unmet.join(', ')} no longer holds`,
      );
      continue;
    }
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
