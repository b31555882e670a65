/**
 * Differential test of grounding and successor generation against a naive reference:
 * in every state reached by breadth-first search (up to a bound), the actions the ground
 * task finds applicable must be exactly the typed parameter tuples the lifted validator
 * accepts, and each successor must be the state the validator computes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Atom, Condition, Domain, Problem } from '../../src/pddl/index.js';
import { buildTypeTable } from '../../src/pddl/index.js';
import { IdList } from '../../src/planner/id-list.js';
import { ground } from '../../src/planner/index.js';
import {
  applicableActions,
  applyAction,
  makeSpace,
  packSuccessor,
} from '../../src/planner/state-space.js';
import { actionArgs, actionName } from '../../src/planner/task.js';
import {
  addDerived,
  collectEffects,
  makeWorld,
  validate,
} from '../../src/planner/validator/index.js';
import type { EffectOutcome } from '../../src/planner/validator/world.js';
import { factKey } from '../../src/planner/validator/world.js';
import { fixture, parse } from './helpers.js';

const toAtom = (name: string): Atom => {
  const [predicate, ...args] = name.slice(1, -1).split(' ');
  return { predicate: predicate!, args };
};

/**
 * Whether `step` (applicable in the state of `atoms`) leaves every atom as it was: grounding
 * leaves such actions out (e.g. a move from a place to itself).
 */
function changesNothing(
  domain: Domain,
  here: Problem,
  step: { action: string; args: string[] },
  atoms: Atom[],
): boolean {
  const w = makeWorld(domain, here);
  const basic = new Set(atoms.map((a) => factKey(a.predicate, a.args)));
  const state = new Set(basic);
  addDerived(state, w);
  const action = domain.actions.find((a) => a.name === step.action)!;
  const b = new Map(action.params.map((p, i) => [p.name, step.args[i]!]));
  const out: EffectOutcome = { adds: [], deletes: [], cost: 0 };
  collectEffects(action.effect, b, state, w, out);
  const next = new Set(basic);
  for (const d of out.deletes) next.delete(d);
  for (const a of out.adds) next.add(a);
  return next.size === basic.size && [...next].every((x) => basic.has(x));
}

/** Every typed argument tuple of every action schema (the naive grounding). */
function allSteps(domain: Domain, problem: Problem): Array<{ action: string; args: string[] }> {
  const types = buildTypeTable(domain, problem);
  const out: Array<{ action: string; args: string[] }> = [];
  for (const a of domain.actions) {
    const go = (i: number, args: string[]): void => {
      if (i === a.params.length) {
        out.push({ action: a.name, args });
        return;
      }
      for (const o of types.objectsOf(a.params[i]!.types)) go(i + 1, [...args, o]);
    };
    go(0, []);
  }
  return out;
}

function check(task: { domain: Domain; problem: Problem }, maxStates: number): number {
  const { domain, problem } = task;
  const g = ground(domain, problem);
  const space = makeSpace(g);
  const fluentPreds = new Set(g.facts.map((f) => toAtom(f).predicate));
  const statics = problem.init.filter((a) => !fluentPreds.has(a.predicate));
  const steps = allSteps(domain, problem);
  const B = g.basicCount;
  const start = new Uint8Array(g.facts.length);
  for (const f of g.init) start[f] = 1;
  const seen = new Set<string>([start.subarray(0, B).join('')]);
  const queue = [start];
  const list = new IdList();
  let visited = 0;
  while (queue.length > 0 && visited < maxStates) {
    const truth = queue.shift()!;
    visited++;
    space.derive(truth);
    const atoms = [
      ...statics,
      ...Array.from({ length: B }, (_, f) => f)
        .filter((f) => truth[f])
        .map((f) => toAtom(g.facts[f]!)),
    ];
    const here: Problem = { ...problem, init: atoms, goal: { kind: 'and', args: [] } };
    // Actions that change nothing in any state (e.g. a move from a place to itself) are left
    // out by grounding: the naive side leaves them out too.
    const naive = steps
      .filter((s) => validate(domain, here, [s]).valid)
      .filter((s) => !changesNothing(domain, here, s, atoms))
      .map((s) => `${s.action} ${s.args.join(' ')}`)
      .sort();
    applicableActions(space, truth, list);
    const succ = list.toArray();
    const fast = [
      ...new Set(succ.map((a) => `${actionName(g, a)} ${actionArgs(g, a).join(' ')}`)),
    ].sort();
    assert.deepEqual(
      fast,
      naive,
      `applicable actions differ in state ${atoms.map((a) => a.predicate + ' ' + a.args.join(' ')).join(', ')}`,
    );
    for (const a of succ) {
      const next = new Uint8Array(g.facts.length);
      applyAction(space, a, truth, next);
      // The packed state (finite-domain variables from the mutex groups) holds exactly these facts.
      const packed = new Uint32Array(space.packer.words);
      space.packer.pack(next, packed, 0);
      const back = new Uint8Array(g.facts.length);
      space.packer.unpack(packed, 0, back);
      assert.deepEqual(back.subarray(0, B), next.subarray(0, B), 'pack/unpack round trip');
      // The successor packed from the parent's packed state and the action's effects alone.
      const parent = new Uint32Array(space.packer.words);
      space.packer.pack(truth, parent, 0);
      const direct = new Uint32Array(space.packer.words);
      packSuccessor(space, a, parent, 0, truth, direct);
      assert.deepEqual(direct, packed, 'packed successor');
      // The validator must agree on the successor: every basic fact true or false as computed.
      const expect: Condition = {
        kind: 'and',
        args: Array.from({ length: B }, (_, f): Condition => {
          const atom: Condition = { kind: 'atom', atom: toAtom(g.facts[f]!) };
          return next[f] ? atom : { kind: 'not', arg: atom };
        }),
      };
      const step = { action: actionName(g, a), args: actionArgs(g, a) };
      const v = validate(domain, { ...here, goal: expect }, [step]);
      assert.ok(
        v.valid,
        v.valid ? '' : `successor of ${step.action} ${step.args.join(' ')}: ${v.message}`,
      );
      const key = next.subarray(0, B).join('');
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(next);
      }
    }
  }
  return visited;
}

describe('grounding and successors agree with the lifted validator (naive reference)', () => {
  it('on the briefcase (quantifiers, conditional effects, disjunction, implication)', () => {
    assert.ok(check(fixture('adl', 'problem.pddl'), 150) > 20);
  });
  it('on roads (derived predicates with stratified negation)', () => {
    assert.ok(check(fixture('derived', 'problem.pddl'), 150) > 5);
  });
  it('on blocks with 4 blocks (plain STRIPS)', () => {
    assert.ok(check(fixture('blocks', 'probBLOCKS-4-0.pddl'), 120) > 50);
  });
  it('on a typed domain with either-types, constants and negative preconditions', () => {
    const t = parse(
      `(define (domain d) (:requirements :typing :negative-preconditions :equality)
      (:types car bike - vehicle place)
      (:constants depot - place)
      (:predicates (at ?v - vehicle ?p - place) (broken ?v - (either car bike)) (fixed))
      (:action move :parameters (?v - vehicle ?a ?b - place)
        :precondition (and (at ?v ?a) (not (= ?a ?b)) (not (broken ?v))) :effect (and (not (at ?v ?a)) (at ?v ?b)))
      (:action repair :parameters (?v - car) :precondition (and (broken ?v) (at ?v depot)) :effect (and (not (broken ?v)) (fixed))))`,
      `(define (problem p) (:domain d) (:objects c1 - car b1 - bike home shop - place)
      (:init (at c1 depot) (at b1 shop) (broken c1)) (:goal (fixed)))`,
    );
    assert.ok(check(t, 100) >= 6);
  });
});
