/**
 * Grounding by relaxed reachability: starting from the initial atoms, action and rule
 * schemas are instantiated only with bindings whose positive preconditions are
 * reachable (a join over the reachable atoms, static atoms first), until no new atom
 * appears. Static atoms (never changed by any action) are then dropped from the
 * preconditions, and the remaining atoms are numbered.
 */
import { UserError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import { stratifyGroundRules } from '../logic/ground-fixpoint.js';
import type { GroundRule } from '../logic/ground-fixpoint.js';
import type { Domain, FunctionTerm, Problem, TypedName } from '../pddl/ast.js';
import { buildTypeTable } from '../pddl/types.js';
import type { TypeTable } from '../pddl/types.js';
import { ALWAYS, conditionLoc, flattenEffect, normalising, toDnf } from './normalize.js';
import type { Conjunct, FlatCost, FlatEffect, Literal } from './normalize.js';
import type { ConditionalEffect, GroundAction, GroundTask } from './task.js';

interface Schema {
  name: string;
  /** The action's own parameters (printed in the plan), then existential variables. */
  params: TypedName[];
  vars: TypedName[];
  pre: Literal[];
  effects: FlatEffect[];
  costs: FlatCost[];
  /** For a derived rule: its head. */
  head?: Literal;
  /** Where the action is defined, for errors. */
  loc?: SourceLocation | undefined;
}

const key = (predicate: string, args: readonly string[]): string =>
  args.length === 0 ? predicate : `${predicate} ${args.join(' ')}`;

/** Reachable atoms, indexed by predicate and by (predicate, position, object). */
class AtomIndex {
  readonly all = new Set<string>();
  readonly byPred = new Map<string, string[][]>();
  /** byArg.get(predicate)[i].get(object): the atoms with that object at position i. */
  readonly byArg = new Map<string, Map<string, string[][]>[]>();
  add(predicate: string, args: string[]): boolean {
    const k = key(predicate, args);
    if (this.all.has(k)) return false;
    this.all.add(k);
    push(this.byPred, predicate, args);
    let positions = this.byArg.get(predicate);
    if (positions === undefined) {
      positions = [];
      this.byArg.set(predicate, positions);
    }
    for (let i = 0; i < args.length; i++) push((positions[i] ??= new Map()), args[i]!, args);
    return true;
  }
  has(predicate: string, args: readonly string[]): boolean {
    return this.all.has(key(predicate, args));
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

/**
 * Calls `visit` with every binding of `vars` under which the positive literals match
 * reachable atoms, equalities hold and negated static atoms are false in `init`.
 * Negated fluent atoms are ignored (relaxation).
 */
function enumerate(
  vars: readonly TypedName[],
  literals: readonly Literal[],
  reach: AtomIndex,
  init: AtomIndex,
  isStatic: (p: string) => boolean,
  types: TypeTable,
  visit: (env: Map<string, string>) => void,
): void {
  const env = new Map<string, string>();
  const varTypes = new Map(vars.map((v) => [v.name, v.types]));
  const positive = literals.filter((l) => !l.negated && l.predicate !== '=');
  const rest = literals.filter((l) => l.negated || l.predicate === '=');
  // Join order: greedily the atom with most bound arguments, static atoms first on ties.
  const order: Literal[] = [];
  const bound = new Set<string>();
  const left = [...positive];
  while (left.length > 0) {
    let best = 0;
    let bestScore = -Infinity;
    left.forEach((l, i) => {
      const b = l.args.filter((a) => !a.startsWith('?') || bound.has(a)).length;
      const score = b * 10 - (l.args.length - b) + (isStatic(l.predicate) ? 5 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    const l = left.splice(best, 1)[0]!;
    order.push(l);
    for (const a of l.args) if (a.startsWith('?')) bound.add(a);
  }
  const free = vars.filter((v) => !bound.has(v.name));
  const val = (a: string): string | undefined => (a.startsWith('?') ? env.get(a) : a);

  const checkRest = (): boolean => {
    for (const l of rest) {
      if (l.predicate === '=') {
        if ((val(l.args[0]!) === val(l.args[1]!)) === l.negated) return false;
      } else if (
        isStatic(l.predicate) &&
        init.has(
          l.predicate,
          l.args.map((a) => val(a)!),
        )
      ) {
        return false;
      }
    }
    return true;
  };
  const enumFree = (i: number): void => {
    if (i === free.length) {
      if (checkRest()) visit(env);
      return;
    }
    const v = free[i]!;
    for (const o of types.objectsOf(v.types)) {
      env.set(v.name, o);
      enumFree(i + 1);
    }
    env.delete(v.name);
  };
  // Per join step: which argument positions are variables, and their declared types.
  const orderVar = order.map((l) => l.args.map((a) => a.startsWith('?')));
  const orderTypes = order.map((l) => l.args.map((a) => varTypes.get(a)));
  const newly: string[][] = order.map(() => []);
  const join = (i: number): void => {
    if (i === order.length) return enumFree(0);
    const l = order[i]!;
    const args = l.args;
    const isVar = orderVar[i]!;
    const argTypes = orderTypes[i]!;
    let candidates: string[][] | undefined;
    for (let p = 0; p < args.length; p++) {
      const x = isVar[p] ? env.get(args[p]!) : args[p]!;
      if (x !== undefined) {
        candidates = reach.byArg.get(l.predicate)?.[p]?.get(x);
        break;
      }
    }
    if (args.length === 0) candidates = reach.has(l.predicate, []) ? [[]] : undefined;
    else candidates ??= reach.byPred.get(l.predicate);
    if (candidates === undefined) return;
    const bound = newly[i]!;
    for (let c = 0; c < candidates.length; c++) {
      const tuple = candidates[c]!;
      let ok = true;
      for (let p = 0; p < args.length && ok; p++) {
        const a = args[p]!;
        const x = tuple[p]!;
        if (!isVar[p]) ok = a === x;
        else {
          const cur = env.get(a);
          if (cur === undefined) {
            const t = argTypes[p];
            if (t !== undefined && !types.isOfType(x, t)) ok = false;
            else {
              env.set(a, x);
              bound.push(a);
            }
          } else ok = cur === x;
        }
      }
      if (ok) join(i + 1);
      while (bound.length > 0) env.delete(bound.pop()!);
    }
  };
  join(0);
}

/** Whether a conjunct is empty (the condition of an unconditional effect): it always holds. */
const isTrue = (c: Conjunct): boolean => c.vars.length === 0 && c.literals.length === 0;

function substLiteral(l: Literal, env: ReadonlyMap<string, string>): Literal {
  return {
    predicate: l.predicate,
    args: l.args.map((a) => (a.startsWith('?') ? (env.get(a) ?? a) : a)),
    negated: l.negated,
  };
}

function buildSchemas(domain: Domain, types: TypeTable): Schema[] {
  const schemas: Schema[] = [];
  for (const a of domain.actions) {
    const effects: FlatEffect[] = [];
    const costs: FlatCost[] = [];
    const what = `action '${a.name}'`;
    normalising(a.loc, what, () =>
      flattenEffect(a.effect, types, new Map(), ALWAYS, effects, costs),
    );
    const pre =
      a.precondition === undefined
        ? ALWAYS
        : normalising(a.loc, what, () => toDnf(a.precondition!, types));
    for (const c of pre)
      schemas.push({
        name: a.name,
        params: a.params,
        vars: [...a.params, ...c.vars],
        pre: c.literals,
        effects,
        costs,
        loc: a.loc,
      });
  }
  for (const d of domain.derived) {
    for (const c of normalising(d.loc, `derived predicate '${d.head.name}'`, () =>
      toDnf(d.body, types),
    )) {
      schemas.push({
        name: d.head.name,
        params: d.head.params,
        vars: [...d.head.params, ...c.vars],
        pre: c.literals,
        effects: [],
        costs: [],
        head: { predicate: d.head.name, args: d.head.params.map((p) => p.name), negated: false },
      });
    }
  }
  return schemas;
}

interface Instance {
  schema: Schema;
  env: Map<string, string>;
}

/** Thrown by `ground` when its `stop` check says the budget is spent. */
export class GroundingStopped extends Error {
  constructor(readonly reason: 'time' | 'aborted') {
    super(`grounding stopped (${reason})`);
  }
}

/**
 * Grounds `problem`: only relaxed-reachable actions, static facts folded away.
 * `stop` is asked every few thousand instances, so a time limit or an abort is seen
 * during a long grounding, not only after it; it throws `GroundingStopped`.
 */
export function ground(
  domain: Domain,
  problem: Problem,
  stop?: () => 'time' | 'aborted' | undefined,
): GroundTask {
  let work = 0;
  const checkBudget = (): void => {
    if (stop && (++work & 4095) === 0) {
      const reason = stop();
      if (reason) throw new GroundingStopped(reason);
    }
  };
  const types = buildTypeTable(domain, problem);
  const schemas = buildSchemas(domain, types);
  const changing = new Set<string>();
  for (const s of schemas) {
    for (const e of s.effects) changing.add(e.literal.predicate);
    if (s.head) changing.add(s.head.predicate);
  }
  const isStatic = (p: string): boolean => !changing.has(p);
  const derivedPreds = new Set(domain.derived.map((d) => d.head.name));

  const init = new AtomIndex();
  const reach = new AtomIndex();
  for (const a of problem.init) {
    init.add(a.predicate, a.args);
    reach.add(a.predicate, a.args);
  }

  // Relaxed reachability to a fixpoint.
  const instances: Instance[] = [];
  /** Per schema, the bindings already instantiated. */
  const seen: Array<Set<string>> = [];
  let pending: Array<{ inst: Instance; effect: FlatEffect }> = [];
  const fire = (inst: Instance, e: FlatEffect): boolean => {
    if (e.literal.negated) return true;
    const lit = substLiteral(e.literal, inst.env);
    if (reach.has(lit.predicate, lit.args)) return true;
    if (e.condition.length > 0 && isTrue(e.condition[0]!)) {
      reach.add(lit.predicate, lit.args);
      return true;
    }
    let fired = false;
    for (const c of e.condition) {
      if (isTrue(c)) {
        fired = true;
        break;
      }
      const lits = c.literals.map((l) => substLiteral(l, inst.env));
      enumerate(c.vars, lits, reach, init, isStatic, types, () => {
        fired = true;
      });
      if (fired) break;
    }
    if (fired) reach.add(lit.predicate, lit.args);
    return fired;
  };
  const lastSig: string[] = [];
  for (let changed = true; changed;) {
    changed = false;
    const before = reach.all.size;
    schemas.forEach((s, si) => {
      // Semi-naive skip: nothing new can match if no precondition predicate gained atoms.
      const sig = s.pre
        .filter((l) => !l.negated && l.predicate !== '=')
        .map((l) => reach.byPred.get(l.predicate)?.length ?? 0)
        .join(',');
      if (lastSig[si] === sig) return;
      lastSig[si] = sig;
      enumerate(s.vars, s.pre, reach, init, isStatic, types, (env) => {
        checkBudget();
        let k = '';
        for (const v of s.vars) k += `${env.get(v.name)} `;
        const done = (seen[si] ??= new Set<string>());
        if (done.has(k)) return;
        done.add(k);
        const inst = { schema: s, env: new Map(env) };
        instances.push(inst);
        if (s.head)
          reach.add(
            s.head.predicate,
            s.head.args.map((a) => env.get(a)!),
          );
        for (const e of s.effects) if (!fire(inst, e)) pending.push({ inst, effect: e });
      });
    });
    pending = pending.filter((p) => !fire(p.inst, p.effect));
    if (reach.all.size !== before) changed = true;
  }

  // Number the fluent facts: basic first, then derived, then (maybe) the goal fact.
  const factId = new Map<string, number>();
  const facts: string[] = [];
  const fluent = [...reach.all].filter((k) => !isStatic(k.split(' ', 1)[0]!));
  for (const k of fluent)
    if (!derivedPreds.has(k.split(' ', 1)[0]!)) {
      factId.set(k, facts.length);
      facts.push(`(${k})`);
    }
  const basicCount = facts.length;
  for (const k of fluent)
    if (derivedPreds.has(k.split(' ', 1)[0]!)) {
      factId.set(k, facts.length);
      facts.push(`(${k})`);
    }

  /** Ground literals of a conjunct to fact ids; null when it can never hold. */
  const groundConj = (lits: readonly Literal[]): { pos: number[]; neg: number[] } | null => {
    const pos: number[] = [];
    const neg: number[] = [];
    for (const l of lits) {
      if (l.predicate === '=') {
        if ((l.args[0] === l.args[1]) === l.negated) return null;
        continue;
      }
      const k = key(l.predicate, l.args);
      if (isStatic(l.predicate)) {
        if (init.all.has(k) === l.negated) return null;
        continue;
      }
      const id = factId.get(k);
      if (l.negated) {
        if (id !== undefined) neg.push(id);
      } else {
        if (id === undefined) return null;
        pos.push(id);
      }
    }
    if (pos.some((p) => neg.includes(p))) return null;
    return { pos: [...new Set(pos)], neg: [...new Set(neg)] };
  };

  const unitCost = problem.metric === undefined;
  const numbers = new Map(problem.numericInit.map((n) => [key(n.term.name, n.term.args), n.value]));
  const actions: GroundAction[] = [];
  const rules: GroundRule[] = [];
  // The join already checked every static literal and equality of an instance's precondition
  // (positive static atoms are matched against the initial ones, the others in checkRest),
  // so only its fluent literals are left to number.
  const fluentPre = new Map(
    schemas.map((s) => [s, s.pre.filter((l) => l.predicate !== '=' && !isStatic(l.predicate))]),
  );
  for (const inst of instances) {
    checkBudget();
    const s = inst.schema;
    const pre = groundConj(fluentPre.get(s)!.map((l) => substLiteral(l, inst.env)));
    if (pre === null) continue;
    if (s.head) {
      const h = factId.get(
        key(
          s.head.predicate,
          s.head.args.map((a) => inst.env.get(a)!),
        ),
      );
      if (h !== undefined) rules.push({ head: h, pos: pre.pos, neg: pre.neg });
      continue;
    }
    const add = new Set<number>();
    const del = new Set<number>();
    const conditional: ConditionalEffect[] = [];
    for (const e of s.effects) {
      const lit = substLiteral(e.literal, inst.env);
      const id = factId.get(key(lit.predicate, lit.args));
      if (id === undefined) continue; // a delete of an unreachable atom, or an add of a static one
      for (const c of e.condition) {
        if (isTrue(c)) {
          (lit.negated ? del : add).add(id);
          continue;
        }
        const cl = c.literals.map((l) => substLiteral(l, inst.env));
        enumerate(c.vars, cl, reach, init, isStatic, types, (env) => {
          const g = groundConj(cl.map((l) => substLiteral(l, env)));
          if (g === null) return;
          const pos = g.pos.filter((p) => !pre.pos.includes(p));
          if (pos.length === 0 && g.neg.length === 0) (lit.negated ? del : add).add(id);
          else
            conditional.push({
              pos: new Int32Array(pos),
              neg: new Int32Array(g.neg),
              add: lit.negated ? -1 : id,
              del: lit.negated ? id : -1,
            });
        });
      }
    }
    let cost = 1;
    if (!unitCost) {
      cost = 0;
      for (const c of s.costs) {
        const term = c.amount.kind === 'function' ? c.amount.term : undefined;
        const ground =
          term === undefined
            ? ''
            : key(
                term.name,
                term.args.map((a) => inst.env.get(a) ?? a),
              );
        const amount = c.amount.kind === 'number' ? c.amount.value : numbers.get(ground);
        // The parser rejects these; domains and problems built in code are checked here.
        if (amount === undefined || !(amount >= 0 && amount < Infinity))
          throw badCost(s, inst.env, term, ground, amount, problem);
        cost += amount;
      }
    }
    actions.push({
      name: s.name,
      args: s.params.map((p) => inst.env.get(p.name)!),
      cost,
      pre: new Int32Array(pre.pos),
      preNeg: new Int32Array(pre.neg),
      add: new Int32Array([...add]),
      del: new Int32Array([...del].filter((d) => !add.has(d))),
      conditional,
    });
  }

  // The goal: one conjunction of facts, or an artificial derived fact for anything else.
  const goalConjs: Array<{ pos: number[]; neg: number[] }> = [];
  for (const c of normalising(conditionLoc(problem.goal), 'the goal', () =>
    toDnf(problem.goal, types),
  )) {
    enumerate(c.vars, c.literals, reach, init, isStatic, types, (env) => {
      const g = groundConj(c.literals.map((l) => substLiteral(l, env)));
      if (g !== null) goalConjs.push(g);
    });
  }
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
  const initIds = problem.init
    .map((a) => factId.get(key(a.predicate, a.args)))
    .filter((x): x is number => x !== undefined && x < basicCount);
  return {
    facts,
    basicCount,
    actions,
    ruleStrata: strat.strata,
    init: Int32Array.from(new Set(initIds)),
    goal: Int32Array.from(goal),
    goalNeg: Int32Array.from(goalNeg),
    goalUnreachable: goalConjs.length === 0,
    unitCost,
  };
}

/**
 * An action's cost has no value in :init (blamed on the cost term in the domain, with the
 * `(= ...)` to add), or a negative or non-finite one.
 */
function badCost(
  s: Schema,
  env: ReadonlyMap<string, string>,
  term: FunctionTerm | undefined,
  ground: string,
  value: number | undefined,
  problem: Problem,
): UserError {
  const step = `(${key(
    s.name,
    s.params.map((p) => env.get(p.name)!),
  )})`;
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
