/**
 * The plan validator, written independently of the search: it simulates the plan on
 * the lifted domain (no grounding), names the first failing step and what was unmet,
 * checks the goal and sums the cost.
 */
import type { Domain, PlanStep, Problem } from '../../pddl/ast.js';
import { addDerived, collectEffects, factKey, holds, makeWorld, unmetParts } from './world.js';
import type { EffectOutcome } from './world.js';

/** The validator's lifted state semantics, for callers that evaluate conditions on states of their own (the team). */
export { addDerived, collectEffects, holds, makeWorld, unmetParts } from './world.js';
export type { World as PddlWorld } from './world.js';

export type ValidationFailureReason =
  | 'unknown-action'
  | 'wrong-arity'
  | 'unknown-object'
  /** An argument is not of the parameter's type. */
  | 'wrong-type'
  | 'precondition'
  /** An action cost refers to a function with no value in :init. */
  | 'undefined-cost'
  | 'goal';

export type ValidationResult =
  | {
      valid: true;
      /** The metric's (total-cost) at the end, or the number of steps when the problem has no metric. */
      cost: number;
      /** True when the problem has no `(:metric minimize (total-cost))`: every step costs 1. */
      unitCost: boolean;
      /** Number of steps. */
      steps: number;
    }
  | {
      valid: false;
      /** 0-based index of the failing step, or -1 when the steps apply but the goal is not reached. */
      stepIndex: number;
      step?: PlanStep;
      reason: ValidationFailureReason;
      /** e.g. "step 3 (stack a b): precondition (clear b) is false" (steps are numbered from 1 here). */
      message: string;
      /** The false preconditions or goals, as PDDL text. */
      unmet?: string[];
    };

function showStep(s: PlanStep): string {
  return `(${[s.action, ...s.args].join(' ')})`;
}

function plural(n: number, word: string): string {
  return `${word}${n === 1 ? '' : 's'}`;
}

/** "goals (a), (b) are" — at most five named, so a message stays one readable line. */
function listing(word: string, items: string[]): string {
  const shown = items.slice(0, 5).join(', ');
  const more = items.length > 5 ? ` and ${items.length - 5} more` : '';
  return `${plural(items.length, word)} ${shown}${more} ${items.length === 1 ? 'is' : 'are'}`;
}

/** Checks `plan` against `domain` and `problem`. Never throws for a wrong plan: the result says why. */
export function validate(domain: Domain, problem: Problem, plan: PlanStep[]): ValidationResult {
  const w = makeWorld(domain, problem);
  const actions = new Map(domain.actions.map((a) => [a.name, a]));
  const derivedNames = new Set(domain.derived.map((d) => d.head.name));
  const basic = new Set(problem.init.map((a) => factKey(a.predicate, a.args)));
  // Without derived predicates the state is the set of basic atoms itself, updated in place.
  let state = basic;
  if (derivedNames.size > 0) {
    state = new Set(basic);
    addDerived(state, w);
  }
  const useMetric = problem.metric !== undefined;
  let cost = useMetric ? (w.numbers.get('total-cost') ?? 0) : 0;

  for (let i = 0; i < plan.length; i++) {
    const step = plan[i]!;
    const name = `step ${i + 1} ${showStep(step)}`;
    const fail = (
      reason: ValidationFailureReason,
      message: string,
      unmet?: string[],
    ): ValidationResult =>
      unmet === undefined
        ? { valid: false, stepIndex: i, step, reason, message: `${name}: ${message}` }
        : { valid: false, stepIndex: i, step, reason, message: `${name}: ${message}`, unmet };
    const action = actions.get(step.action);
    if (action === undefined) return fail('unknown-action', `unknown action '${step.action}'`);
    if (action.params.length !== step.args.length) {
      return fail(
        'wrong-arity',
        `action '${action.name}' takes ${action.params.length} ${plural(action.params.length, 'argument')}, found ${step.args.length}`,
      );
    }
    const binding = new Map<string, string>();
    for (let k = 0; k < action.params.length; k++) {
      const p = action.params[k]!;
      const arg = step.args[k]!;
      if (!w.types.has(arg)) return fail('unknown-object', `unknown object '${arg}'`);
      if (!w.types.isOfType(arg, p.types)) {
        return fail(
          'wrong-type',
          `'${arg}' is not of type ${p.types.join(' or ')} (parameter ${p.name})`,
        );
      }
      binding.set(p.name, arg);
    }
    if (action.precondition !== undefined && !holds(action.precondition, binding, state, w)) {
      const unmet = unmetParts(action.precondition, binding, state, w);
      return fail('precondition', `${listing('precondition', unmet)} false`, unmet);
    }
    const out: EffectOutcome = { adds: [], deletes: [], cost: 0 };
    collectEffects(action.effect, binding, state, w, out);
    if (useMetric && out.undefinedCost !== undefined) {
      return fail('undefined-cost', `the cost ${out.undefinedCost} has no value in :init`);
    }
    // Effects were all read in the state before the step; now deletes first, then adds:
    // an atom both added and deleted ends up true (PDDL semantics).
    for (const d of out.deletes) basic.delete(d);
    for (const a of out.adds) basic.add(a);
    if (derivedNames.size > 0) {
      state = new Set(basic);
      addDerived(state, w);
    }
    cost += useMetric ? out.cost : 1;
  }

  if (!holds(problem.goal, new Map(), state, w)) {
    const unmet = unmetParts(problem.goal, new Map(), state, w);
    const after =
      plan.length === 0 ? 'in the initial state (empty plan)' : `after step ${plan.length}`;
    return {
      valid: false,
      stepIndex: -1,
      reason: 'goal',
      message: `${after}: ${listing('goal', unmet)} not reached`,
      unmet,
    };
  }
  return { valid: true, cost, unitCost: !useMetric, steps: plan.length };
}
