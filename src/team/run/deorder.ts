/**
 * Deordering a sequential plan into a partial order, and the plan's causal links.
 * Step j must follow an earlier step i when they interfere: i adds or deletes something
 * j's precondition mentions, j deletes or adds something i's precondition mentions, or
 * their effects conflict (one adds what the other deletes). Every other pair may run
 * in parallel. Atoms under quantifiers keep their unbound variables as wildcards, and a
 * derived predicate stands for the basic predicates its rules read, so the order is safe.
 */
import type { Atom, Condition, Domain, Effect, PlanStep } from '../../pddl/ast.js';

/** An atom with wildcards; `via` names the derived predicate it stands in for. */
export type Pattern = { pred: string; args: string[]; via?: string };
export interface Touch {
  pre: Pattern[];
  add: Pattern[];
  del: Pattern[];
}

export interface OrderedStep {
  index: number;
  action: string;
  args: string[];
  /** Indices of earlier steps this one must wait for. */
  dependsOn: number[];
  /** What this step is for: "(fact) for step N" or "goal (fact)" — from causal links. */
  supports: string[];
}

function ground(atom: Atom, b: ReadonlyMap<string, string>): Pattern {
  return {
    pred: atom.predicate,
    args: atom.args.map((a) => (a.startsWith('?') ? (b.get(a) ?? '*') : a)),
  };
}

function condAtoms(c: Condition | undefined, b: ReadonlyMap<string, string>, out: Pattern[]): void {
  if (c === undefined) return;
  switch (c.kind) {
    case 'atom':
      if (c.atom.predicate !== '=') out.push(ground(c.atom, b));
      return;
    case 'not':
      condAtoms(c.arg, b, out);
      return;
    case 'and':
    case 'or':
      for (const a of c.args) condAtoms(a, b, out);
      return;
    case 'imply':
      condAtoms(c.if, b, out);
      condAtoms(c.then, b, out);
      return;
    case 'exists':
    case 'forall':
      condAtoms(c.body, b, out);
      return;
  }
}

export function effAtoms(e: Effect, b: ReadonlyMap<string, string>, t: Touch): void {
  switch (e.kind) {
    case 'and':
      for (const x of e.args) effAtoms(x, b, t);
      return;
    case 'add':
      t.add.push(ground(e.atom, b));
      return;
    case 'delete':
      t.del.push(ground(e.atom, b));
      return;
    case 'forall':
      effAtoms(e.body, b, t);
      return;
    case 'when':
      condAtoms(e.condition, b, t.pre);
      effAtoms(e.body, b, t);
      return;
    case 'increase':
      return;
  }
}

/** Derived predicate -> the basic predicates its rules read (transitively). */
export function derivedBases(domain: Domain): Map<string, Set<string>> {
  const direct = new Map<string, Set<string>>();
  for (const d of domain.derived) {
    const atoms: Pattern[] = [];
    condAtoms(d.body, new Map(), atoms);
    const set = direct.get(d.head.name) ?? new Set<string>();
    for (const a of atoms) set.add(a.pred);
    direct.set(d.head.name, set);
  }
  const out = new Map<string, Set<string>>();
  const visit = (p: string, seen: Set<string>, acc: Set<string>): void => {
    for (const q of direct.get(p) ?? []) {
      if (seen.has(q)) continue;
      seen.add(q);
      if (direct.has(q)) visit(q, seen, acc);
      else acc.add(q);
    }
  };
  for (const p of direct.keys()) {
    const acc = new Set<string>();
    visit(p, new Set([p]), acc);
    out.set(p, acc);
  }
  return out;
}

const show = (p: Pattern): string =>
  `(${[p.pred, ...p.args.map((a) => (a === '**' ? '…' : a))].join(' ')})`;

function expand(ps: Pattern[], bases: Map<string, Set<string>>): Pattern[] {
  return ps.flatMap((p) => {
    const b = bases.get(p.pred);
    return b === undefined ? [p] : [...b].map((q) => ({ pred: q, args: ['**'], via: show(p) }));
  });
}

function matches(a: Pattern, b: Pattern): boolean {
  if (a.pred !== b.pred) return false;
  if (a.args[0] === '**' || b.args[0] === '**') return true;
  if (a.args.length !== b.args.length) return false;
  return a.args.every((x, i) => x === '*' || b.args[i] === '*' || x === b.args[i]);
}

function touches(domain: Domain, steps: readonly PlanStep[]): Touch[] {
  const actions = new Map(domain.actions.map((a) => [a.name, a]));
  const bases = derivedBases(domain);
  return steps.map((s) => {
    const a = actions.get(s.action);
    if (a === undefined) throw new Error(`deorder: unknown action '${s.action}'`);
    const b = new Map(a.params.map((p, i) => [p.name, s.args[i]!]));
    const t: Touch = { pre: [], add: [], del: [] };
    condAtoms(a.precondition, b, t.pre);
    effAtoms(a.effect, b, t);
    t.pre = expand(t.pre, bases);
    return t;
  });
}

/** The partial order of a valid sequential plan, with causal links toward `goal`. */
export function deorder(
  domain: Domain,
  steps: readonly PlanStep[],
  goal: Condition,
  ids?: readonly string[],
): OrderedStep[] {
  const name = (j: number): string =>
    `${ids?.[j] ?? `step ${j + 1}`} (${[steps[j]!.action, ...steps[j]!.args].join(' ')})`;
  const t = touches(domain, steps);
  const any = (xs: Pattern[], ys: Pattern[]): boolean =>
    xs.some((x) => ys.some((y) => matches(x, y)));
  // Index earlier steps by the predicates they touch, so each pair is checked only when it may interfere.
  const byPred = new Map<string, number[]>();
  const out: OrderedStep[] = [];
  for (let j = 0; j < steps.length; j++) {
    const tj = t[j]!;
    const candidates = new Set<number>();
    for (const p of [...tj.pre, ...tj.add, ...tj.del])
      for (const i of byPred.get(p.pred) ?? []) candidates.add(i);
    const deps: number[] = [];
    for (const i of [...candidates].sort((x, y) => x - y)) {
      const ti = t[i]!;
      if (
        any(ti.add, tj.pre) ||
        any(ti.del, tj.pre) ||
        any(tj.del, ti.pre) ||
        any(tj.add, ti.pre) ||
        any(ti.add, tj.del) ||
        any(ti.del, tj.add)
      )
        deps.push(i);
    }
    out.push({
      index: j,
      action: steps[j]!.action,
      args: [...steps[j]!.args],
      dependsOn: deps,
      supports: [],
    });
    for (const p of new Set([...tj.pre, ...tj.add, ...tj.del].map((x) => x.pred))) {
      const list = byPred.get(p) ?? [];
      list.push(j);
      byPred.set(p, list);
    }
  }
  // Causal links: the last earlier step adding a precondition atom of j supports j. For a
  // derived precondition every earlier step adding one of the atoms its rules read does.
  const link = (p: Pattern, j: number, to: string): void => {
    for (let i = j - 1; i >= 0; i--) {
      const hit = t[i]!.add.find((a) => matches(a, p));
      if (hit === undefined) continue;
      out[i]!.supports.push(`${show(hit)}${p.via === undefined ? '' : ` -> ${p.via}`} for ${to}`);
      if (p.via === undefined) break;
    }
  };
  for (let j = 0; j < steps.length; j++) for (const p of t[j]!.pre) link(p, j, name(j));
  const goalAtoms: Pattern[] = [];
  condAtoms(goal, new Map(), goalAtoms);
  for (const g of expand(goalAtoms, derivedBases(domain))) link(g, steps.length, 'the goal');
  for (const s of out) s.supports = [...new Set(s.supports)];
  return out;
}
