/**
 * Grounding by relaxed reachability (reach.ts), then instantiation (instantiate.ts): only
 * actions whose positive preconditions are reachable from the initial state are built, static
 * atoms are folded away, and the remaining atoms are numbered as facts.
 *
 * `groundSteps` is a generator that yields after every bounded slice of work, so that `plan()`
 * checks its time and memory budget, reports progress and lets the event loop run during a
 * long grounding; `ground` runs it to the end.
 */
import { UserError } from '../errors.js';
import { stratifyGroundRules } from '../logic/ground-fixpoint.js';
import type { GroundRule } from '../logic/ground-fixpoint.js';
import type { Domain, FunctionTerm, Problem } from '../pddl/ast.js';
import { Instantiator } from './instantiate.js';
import { mutexGroups } from './mutex-groups.js';
import { Reach } from './reach.js';
import { compileSchemas } from './schemas.js';
import type { ActionSchema, Schemas } from './schemas.js';
import type { GroundTask } from './task.js';

/** Work units (join candidates, instances) between two yields. */
const SLICE = 1 << 15;

export interface GroundingProgress {
  phase: 'reachability' | 'instantiation';
  /** Atoms reached so far. */
  atoms: number;
  /** Action instances found by reachability, then ground actions built. */
  actions: number;
}

/** Thrown by `ground` when its `stop` check says the budget is spent. */
export class GroundingStopped extends Error {
  constructor(
    readonly reason: 'time' | 'aborted' | 'memory',
    readonly actions = 0,
  ) {
    super(`grounding stopped (${reason})`);
  }
}

const key = (name: string, args: readonly string[]): string =>
  args.length === 0 ? name : `${name} ${args.join(' ')}`;

/** The cost of an action instance from its `(increase (total-cost) …)` effects. */
function coster(sc: Schemas, problem: Problem): (s: ActionSchema, env: Int32Array) => number {
  if (problem.metric === undefined) return () => 1;
  const numbers = new Map(problem.numericInit.map((n) => [key(n.term.name, n.term.args), n.value]));
  return (s, env) => {
    let cost = 0;
    for (const c of s.costs) {
      let amount: number | undefined;
      let term: FunctionTerm | undefined;
      let ground = '';
      if (c.amount.kind === 'number') amount = c.amount.value;
      else {
        term = c.amount.term;
        const args = term.args.map((a) => {
          const v = a.startsWith('?') ? s.varNames.indexOf(a) : -1;
          return v >= 0 ? sc.objects[env[v]!]! : a;
        });
        ground = key(term.name, args);
        amount = numbers.get(ground);
      }
      // The parser rejects these; domains and problems built in code are checked here.
      if (amount === undefined || !(amount >= 0 && amount < Infinity))
        throw badCost(sc, s, env, term, ground, amount, problem);
      cost += amount;
    }
    return cost;
  };
}

/**
 * Grounds `problem`, yielding progress after every slice of work; the caller may stop
 * (return) at any yield. Throws UserError for bad costs and cyclic negation in derived predicates.
 */
export function* groundSteps(
  domain: Domain,
  problem: Problem,
): Generator<GroundingProgress, GroundTask> {
  const sc = compileSchemas(domain, problem);
  const reach = new Reach(sc, problem.init);
  const meter = { left: SLICE };
  while (!reach.run(meter)) {
    meter.left = SLICE;
    yield { phase: 'reachability', atoms: reach.atoms.count, actions: reach.instances };
  }
  const inst = new Instantiator(sc, reach, coster(sc, problem));
  meter.left = SLICE;
  while (!inst.run(meter)) {
    meter.left = SLICE;
    yield { phase: 'instantiation', atoms: reach.atoms.count, actions: inst.actionCount };
  }
  inst.buildRules();
  return finishTask(domain, problem, inst);
}

function finishTask(domain: Domain, problem: Problem, inst: Instantiator): GroundTask {
  const facts = inst.facts;
  const rules: GroundRule[] = inst.rules;
  const goalConjs = inst.goalConjunctions();
  let goal: number[] = [];
  let goalNeg: number[] = [];
  if (goalConjs.length === 1) ({ pos: goal, neg: goalNeg } = goalConjs[0]!);
  else if (goalConjs.length > 1) {
    const g = facts.length;
    facts.push('(goal-reached)');
    for (const c of goalConjs) rules.push({ head: g, pos: c.pos, neg: c.neg });
    goal = [g];
  }
  const strat = stratifyGroundRules(rules, facts.length);
  if (!strat.ok) {
    const names = strat.cycle.map((f) => facts[f]!);
    const rule = domain.derived.find((d) =>
      names.some((n) => n.slice(1).split(/[ )]/, 1)[0] === d.head.name),
    );
    throw new UserError('derived predicates depend on their own negation', {
      code: 'PDDL_DERIVED_CYCLE',
      hint: `cycle through ${names.join(', ')}`,
      ...(rule?.loc === undefined ? {} : { location: rule.loc }),
    });
  }
  const init = new Set<number>();
  const sc = inst.sc;
  const buf = new Int32Array(Math.max(1, ...sc.arity));
  for (const a of problem.init) {
    a.args.forEach((x, i) => (buf[i] = sc.objectId.get(x) ?? sc.objects.length));
    const id = inst.reach.atoms.find(sc.predicateId.get(a.predicate)!, buf);
    const f = id < 0 ? -1 : inst.atomFact[id]!;
    if (f >= 0 && f < inst.basicCount) init.add(f);
  }
  const mutexes = mutexGroups(
    sc,
    inst.reach.atoms,
    inst.reach.actionBindings,
    inst.atomFact,
    inst.basicCount,
    init,
  );
  return {
    facts,
    basicCount: inst.basicCount,
    actions: {
      count: inst.actionCount,
      pre: inst.pre.rows(),
      preNeg: inst.preNeg.rows(),
      add: inst.add.rows(),
      del: inst.del.rows(),
      cost: Float64Array.from(inst.cost),
      schema: inst.schema.toArray(),
      args: inst.args.rows(),
      schemaNames: sc.actions.map((a) => a.name),
      objects: sc.objects,
      conditional: inst.conditional,
    },
    ruleStrata: strat.strata,
    init: Int32Array.from([...init].sort((x, y) => x - y)),
    goal: Int32Array.from(goal),
    goalNeg: Int32Array.from(goalNeg),
    goalUnreachable: goalConjs.length === 0,
    unitCost: problem.metric === undefined,
    mutexGroups: mutexes,
  };
}

/**
 * Grounds `problem`: only relaxed-reachable actions, static facts folded away.
 * `stop` is asked between slices of work, so a time limit or an abort is seen during a long
 * grounding, not only after it; it throws `GroundingStopped`.
 */
export function ground(
  domain: Domain,
  problem: Problem,
  stop?: () => 'time' | 'aborted' | 'memory' | undefined,
): GroundTask {
  const steps = groundSteps(domain, problem);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    const reason = stop?.();
    if (reason) throw new GroundingStopped(reason, r.value.actions);
  }
}

/**
 * An action's cost has no value in :init (blamed on the cost term in the domain, with the
 * `(= ...)` to add), or a negative or non-finite one.
 */
function badCost(
  sc: Schemas,
  s: ActionSchema,
  env: Int32Array,
  term: FunctionTerm | undefined,
  ground: string,
  value: number | undefined,
  problem: Problem,
): UserError {
  const args = Array.from(env.subarray(0, s.nParams), (o) => sc.objects[o]!);
  const step = `(${key(s.name, args)})`;
  const location = term?.loc ?? s.loc;
  const where = location === undefined ? {} : { location };
  if (value !== undefined) {
    return new UserError(
      `the cost of ${step}${term === undefined ? '' : ` (${ground})`} is ${value}`,
      {
        code: 'PLANNER_BAD_COST',
        hint: 'action costs must be finite numbers of 0 or more',
        ...where,
      },
    );
  }
  return new UserError(`the cost of ${step} is (${ground}), which has no value in :init`, {
    code: 'PLANNER_UNDEFINED_COST',
    hint: `add (= (${ground}) N) to the :init of ${problem.file === undefined ? 'the problem' : `problem ${problem.file}`}`,
    ...where,
  });
}
