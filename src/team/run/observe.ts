/**
 * Stage 4, observe: a step's end changes the observed facts — its declared effects when
 * the tool confirms them, then whatever the tool reported — and the reasoner follows.
 * The step's end and the fact changes are written in one transaction, so the log never
 * shows a finished step without its effects. A failure, or a divergence that breaks the
 * rest of the plan (checked with the plan validator), is a trouble of the round: it calls
 * for a re-plan once the round is over.
 */
import type { PlanStep } from '../../pddl/ast.js';
import { validate } from '../../planner/validator/index.js';
import type { RunEventBody } from '../log/events.js';
import { factKey, parseAtomText, problemFor, showFact } from '../facts.js';
import type { ToolOutcome } from '../types.js';
import { productEvents } from '../work/index.js';
import { groundKey } from './context.js';
import type { RunContext } from './context.js';
import type { ReadyStep, Round, RunState } from './state.js';

/** A fact to set (true) or clear (false), as a "pred a b" key. */
type FactOp = [string, boolean];

export async function observe(
  ctx: RunContext,
  state: RunState,
  round: Round,
  { step: s, expected }: ReadyStep,
  outcome: ToolOutcome,
  ms: number,
): Promise<void> {
  const call = { stepId: s.id, agent: s.agent, action: s.action, args: s.args };
  if (!outcome.ok) {
    const written = record(
      state,
      { type: 'step.failed', data: { ...call, ms, reason: outcome.reason } },
      reported(outcome),
      true,
    );
    round.troubles.set(s.id, `step ${s.id} (${groundKey(s)}) failed: ${outcome.reason}`);
    return void (await ctx.recorder.emit(...written));
  }
  // Observed effects: the declared ones when confirmed, then what the tool reported. A
  // learned tool's model is only what the planner expects: its steps change what it reports.
  const learned = ctx.mission.tools.get(s.action)?.learned !== undefined;
  const confirmed = outcome.confirmed !== false && !learned;
  const declared: FactOp[] = confirmed
    ? [
        ...expected.deletes.map((k): FactOp => [k, false]),
        ...expected.adds.map((k): FactOp => [k, true]),
      ]
    : [];
  const diverged = learned
    ? !asExpected(state.facts, expected, reported(outcome))
    : !confirmed || (outcome.assert?.length ?? 0) > 0 || (outcome.retract?.length ?? 0) > 0;
  const note = outcome.note === undefined ? {} : { note: outcome.note };
  const written = record(
    state,
    { type: 'step.finished', data: { ...call, ms, ...note } },
    [...declared, ...reported(outcome)],
    diverged,
  );
  written.splice(1, 0, ...productEvents(call, outcome));
  round.done.add(s.id);
  const broken = diverged ? restBroken(ctx, state, round) : undefined;
  if (broken !== undefined)
    round.troubles.set(
      s.id,
      `the world differs from the plan after ${s.id} (${groundKey(s)}): ${broken}`,
    );
  await ctx.recorder.emit(...written);
}

/** Whether applying `ops` to `facts` gives exactly what the expected adds and deletes give. */
function asExpected(
  facts: ReadonlySet<string>,
  expected: ReadyStep['expected'],
  ops: readonly FactOp[],
): boolean {
  const apply = (list: readonly FactOp[]): Map<string, boolean> => {
    const out = new Map<string, boolean>();
    for (const [k, v] of list) out.set(k, v);
    return out;
  };
  const want = apply([
    ...expected.deletes.map((k): FactOp => [k, false]),
    ...expected.adds.map((k): FactOp => [k, true]),
  ]);
  const got = apply(ops);
  const keys = new Set([...want.keys(), ...got.keys()]);
  return [...keys].every((k) => (want.get(k) ?? facts.has(k)) === (got.get(k) ?? facts.has(k)));
}

/** What a tool reported: retractions, then assertions (PDDL order: deletes before adds). */
function reported(outcome: ToolOutcome): FactOp[] {
  const keys = (atoms: string[] | undefined): string[] =>
    (atoms ?? []).flatMap((r) => {
      const a = parseAtomText(r);
      return a ? [factKey(a.predicate, a.args)] : [];
    });
  return [
    ...keys(outcome.retract).map((k): FactOp => [k, false]),
    ...keys(outcome.assert).map((k): FactOp => [k, true]),
  ];
}

/**
 * Applies fact operations to the observed facts and the reasoner; returns the step's end
 * with the `facts.changed` it caused (none when nothing changed), to be written together.
 */
function record(
  state: RunState,
  end: Extract<RunEventBody, { type: 'step.finished' | 'step.failed' }>,
  ops: readonly FactOp[],
  diverged: boolean,
): RunEventBody[] {
  const { facts } = state;
  const was = new Map<string, boolean>();
  for (const [k, present] of ops) {
    if (!was.has(k)) was.set(k, facts.has(k));
    if (present) facts.add(k);
    else facts.delete(k);
  }
  const added = [...was].filter(([k, w]) => !w && facts.has(k)).map(([k]) => k);
  const deleted = [...was].filter(([k, w]) => w && !facts.has(k)).map(([k]) => k);
  const derived = state.knowledge.update(added, deleted);
  if (added.length === 0 && deleted.length === 0) return [end];
  const changed: RunEventBody = {
    type: 'facts.changed',
    data: {
      stepId: end.data.stepId,
      added: added.map(showFact),
      deleted: deleted.map(showFact),
      diverged,
      derivedAdded: derived.added,
      derivedRemoved: derived.removed,
    },
  };
  return [end, changed];
}

/** Why the steps not done yet can no longer run from the observed facts, or undefined. */
export function restBroken(ctx: RunContext, state: RunState, round: Round): string | undefined {
  const rest: PlanStep[] = round.steps
    .filter((s) => !round.done.has(s.id))
    .map((s) => ({ action: s.action, args: s.args }));
  const v = validate(round.domain, problemFor(ctx.mission, state.facts, ctx.goal), rest);
  return v.valid ? undefined : v.message;
}
