/**
 * The finite-domain translation: mutex groups found by invariant synthesis on small known
 * domains (the groups Fast Downward's translator finds), variables chosen from them, and states
 * packed in fewer bits than one per fact.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ground } from '../../src/planner/index.js';
import type { GroundTask } from '../../src/planner/index.js';
import { chooseGroups, makePacker } from '../../src/planner/fdr.js';
import { IdList } from '../../src/planner/id-list.js';
import { applicableActions, applyAction, makeSpace } from '../../src/planner/state-space.js';
import { fixture, parse } from './helpers.js';

/** The groups as sorted lists of fact names, sorted. */
const named = (g: GroundTask, groups: readonly Int32Array[]): string[] =>
  groups
    .map((x) =>
      Array.from(x, (f) => g.facts[f]!)
        .sort()
        .join(' '),
    )
    .sort();

describe('mutex groups (invariant synthesis)', () => {
  it('gripper: the robot is in one room; each ball is in one room or one gripper', () => {
    const g = ground(
      fixture('gripper', 'prob03.pddl').domain,
      fixture('gripper', 'prob03.pddl').problem,
    );
    const groups = named(g, g.mutexGroups);
    assert.ok(groups.includes('(at-robby rooma) (at-robby roomb)'));
    assert.ok(
      groups.includes('(at ball1 rooma) (at ball1 roomb) (carry ball1 left) (carry ball1 right)'),
    );
    // each gripper is free or carries one ball
    assert.ok(groups.some((x) => x.startsWith('(carry ball1 left)') && x.endsWith('(free left)')));
  });

  it('logistics: a package is at one place or in one vehicle; a truck at one place', () => {
    const t = fixture('logistics00', 'problogistics-6-0.pddl');
    const g = ground(t.domain, t.problem);
    const groups = named(g, g.mutexGroups);
    const obj = groups.find((x) => x.includes('(at obj11 pos1)'))!;
    assert.match(obj, /\(in obj11 tru1\)/);
    assert.match(obj, /\(in obj11 apn1\)/);
    assert.equal(obj.split(') (').length, 7, obj);
    assert.ok(groups.includes('(at tru1 apt1) (at tru1 pos1)'));
  });

  it('blocks: the hand holds one block or is empty; a block is on one thing or held; a block is clear or under one', () => {
    const t = fixture('blocks', 'probBLOCKS-4-0.pddl');
    const g = ground(t.domain, t.problem);
    const groups = named(g, g.mutexGroups);
    assert.ok(groups.includes('(handempty) (holding a) (holding b) (holding c) (holding d)'));
    assert.ok(
      groups.some(
        (x) => x.startsWith('(holding a) (on a a) (on a b)') && x.endsWith('(ontable a)'),
      ),
    );
    assert.ok(groups.some((x) => x.startsWith('(clear a) (holding a) (on a a) (on b a)')));
    // every basic fact is in some group
    const covered = new Set(g.mutexGroups.flatMap((x) => Array.from(x)));
    assert.equal(covered.size, g.basicCount);
  });

  it('finds no group where two facts can be true together', () => {
    // (p ?x) for two objects, both added by one action: no invariant (at most one) holds.
    const t = parse(
      `(define (domain d) (:predicates (p ?x) (q))
        (:action both :parameters () :precondition (q) :effect (and (p a) (p b) (not (q))))
        (:constants a b))`,
      '(define (problem x) (:domain d) (:init (q)) (:goal (and (p a) (p b))))',
    );
    const g = ground(t.domain, t.problem);
    for (const group of named(g, g.mutexGroups)) assert.ok(!/\(p a\).*\(p b\)/.test(group), group);
  });
});

describe('mutex groups hold in every reachable state', () => {
  it('a delete the same action undoes (add wins) balances nothing', () => {
    // As in rovers' communicate actions: the channel is deleted and added again.
    const t = parse(
      `(define (domain d) (:predicates (free) (sent ?d) (data ?d))
        (:action send :parameters (?d) :precondition (and (free) (data ?d))
          :effect (and (not (free)) (free) (sent ?d))))`,
      '(define (problem x) (:domain d) (:objects a b) (:init (free) (data a) (data b)) (:goal (and (sent a) (sent b))))',
    );
    const g = ground(t.domain, t.problem);
    for (const group of named(g, g.mutexGroups)) assert.doesNotMatch(group, /\(sent/, group);
  });

  for (const [dir, file] of [
    ['gripper', 'prob03.pddl'],
    ['logistics00', 'problogistics-6-0.pddl'],
    ['depot', 'pfile1.pddl'],
    ['blocks', 'probBLOCKS-4-0.pddl'],
    ['adl', 'problem.pddl'],
  ] as const)
    it(`${dir}: no two facts of a group true together (breadth-first, 3000 states)`, () => {
      const t = fixture(dir, file);
      const g = ground(t.domain, t.problem);
      const space = makeSpace(g);
      const start = new Uint8Array(g.facts.length);
      for (const f of g.init) start[f] = 1;
      const seen = new Set([start.join('')]);
      const queue = [start];
      const list = new IdList();
      for (let i = 0; i < queue.length && i < 3000; i++) {
        const s = queue[i]!;
        for (const group of g.mutexGroups) {
          const on = Array.from(group).filter((f) => s[f]);
          assert.ok(on.length <= 1, on.map((f) => g.facts[f]).join(' '));
        }
        space.derive(s);
        applicableActions(space, s, list);
        const succ = list.toArray();
        for (const a of succ) {
          const n = new Uint8Array(g.facts.length);
          applyAction(space, a, s, n);
          const k = n.join('');
          if (!seen.has(k)) {
            seen.add(k);
            queue.push(n);
          }
        }
      }
    });
});

describe('finite-domain variables and packed states', () => {
  it('chooses the largest groups first, each fact in one variable', () => {
    const groups = [Int32Array.of(0, 1, 2), Int32Array.of(2, 3), Int32Array.of(3, 4)];
    const vars = chooseGroups(groups, 6).map((v) => Array.from(v));
    assert.deepEqual(vars, [[0, 1, 2], [3, 4], [5]]);
  });

  it('packs logistics states in fewer words than one bit per fact would take, losslessly', () => {
    const t = fixture('logistics00', 'problogistics-6-0.pddl');
    const g = ground(t.domain, t.problem);
    const p = makePacker(g);
    assert.ok(p.vars < g.basicCount / 3, `${p.vars} variables for ${g.basicCount} facts`);
    const truth = new Uint8Array(g.facts.length);
    for (const f of g.init) truth[f] = 1;
    const buf = new Uint32Array(p.words);
    p.pack(truth, buf, 0);
    const back = new Uint8Array(g.facts.length);
    p.unpack(buf, 0, back);
    assert.deepEqual(back, truth);
    assert.ok(p.words * 32 < g.basicCount, `${p.words} words for ${g.basicCount} facts`);
  });
});
