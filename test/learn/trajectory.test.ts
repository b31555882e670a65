import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LearnError, learnFromTrajectories, parseTrajectory } from '../../src/learn/index.js';
import { parseDomain } from '../../src/pddl/index.js';

const vocabulary = parseDomain(`(define (domain lights)
  (:requirements :strips :typing)
  (:types switch room)
  (:predicates (on ?s - switch) (in ?s - switch ?r - room) (lit ?r - room))
  (:action flip_on :parameters (?s - switch ?r - room))
  (:action flip_off :parameters (?s - switch ?r - room)))`);

/** The LearnError a text raises: code, line:col and message. */
function rejection(text: string): {
  code: string;
  at: string;
  message: string;
  hint: string | undefined;
} {
  try {
    learnFromTrajectories(vocabulary, [parseTrajectory(text, vocabulary, 't.traj')]);
  } catch (err) {
    assert.ok(err instanceof LearnError, `a LearnError, got ${String(err)}`);
    assert.equal(err.location?.file, 't.traj');
    return {
      code: err.code,
      at: `${err.location?.line}:${err.location?.col}`,
      message: err.message,
      hint: err.hint,
    };
  }
  assert.fail('expected the trajectory to be rejected');
}

const OK = `(:trajectory
(:state (in s1 r1))
(:action (flip_on s1 r1))
(:state (in s1 r1) (on s1) (lit r1)))`;

test('a well-formed trajectory: transitions with labels and locations, objects inferred from where they appear', () => {
  const t = parseTrajectory(OK, vocabulary, 't.traj');
  assert.equal(t.transitions.length, 1);
  assert.equal(t.transitions[0]!.label, 't.traj:3:1 step 1');
  assert.deepEqual([...t.transitions[0]!.after].sort(), ['in s1 r1', 'lit r1', 'on s1']);
  assert.deepEqual(t.objects, [
    { name: 's1', types: ['switch'] },
    { name: 'r1', types: ['room'] },
  ]);
});

/** Text, code, line:col, message. */
const BAD: [string, string, string, RegExp][] = [
  [
    '(:trajectory (:objects s1 - swich)\n(:state)\n(:action (flip_on s1 s1))\n(:state))',
    'LEARN_UNKNOWN_TYPE',
    '1:29',
    /unknown type 'swich'/,
  ],
  ['', 'LEARN_EMPTY_TRAJECTORY', '1:1', /empty trajectory file/],
  ['(:trajectory)', 'LEARN_EMPTY_TRAJECTORY', '1:1', /no action/],
  ['(:trajectory (:state (in s1 r1)))', 'LEARN_EMPTY_TRAJECTORY', '1:1', /no action/],
  [
    '(:trajectory\n(:state (in s1 r1))\n(:action (flip_on s1 r1)))',
    'LEARN_TRUNCATED_TRAJECTORY',
    '3:1',
    /ends with an action/,
  ],
  [
    '(:trajectory\n(:state (in s1 r1))\n(:action (flip_on s1 r1))\n(:action (flip_off s1 r1)) (:state))',
    'LEARN_SYNTAX',
    '4:1',
    /state it led to is missing/,
  ],
  [
    '(:trajectory\n(:state (in s1 r1)) (:state (in s1 r1)) (:action (flip_on s1 r1)) (:state))',
    'LEARN_SYNTAX',
    '2:21',
    /between two states/,
  ],
  [
    '(:trajectory\n(:state (in s1 r1)\n(:action (flip_on s1 r1))',
    'LEARN_SYNTAX',
    '2:1',
    /never closed/,
  ],
  [
    '(:trajectory\n(:state (inn s1 r1))\n(:action (flip_on s1 r1))\n(:state))',
    'LEARN_UNKNOWN_PREDICATE',
    '2:10',
    /unknown predicate 'inn'/,
  ],
  [
    '(:trajectory\n(:state (in s1))\n(:action (flip_on s1 r1))\n(:state))',
    'LEARN_WRONG_ARITY',
    '2:9',
    /predicate 'in' takes 2 arguments, found 1/,
  ],
  [
    '(:trajectory\n(:state (in s1 r1))\n(:action (flip s1 r1))\n(:state))',
    'LEARN_UNKNOWN_ACTION',
    '3:11',
    /unknown action 'flip'/,
  ],
  [
    '(:trajectory\n(:state (in s1 r1))\n(:action (flip_on s1))\n(:state))',
    'LEARN_WRONG_ARITY',
    '3:10',
    /action 'flip_on' takes 2 arguments, found 1/,
  ],
  [
    '(:trajectory (:objects s1 - switch r1 - room)\n(:state (in s1 r9))\n(:action (flip_on s1 r1))\n(:state))',
    'LEARN_UNKNOWN_OBJECT',
    '2:16',
    /unknown object 'r9'/,
  ],
  [
    '(:trajectory (:objects s1 - switch r1 - room)\n(:state (in r1 s1))\n(:action (flip_on s1 r1))\n(:state))',
    'LEARN_WRONG_TYPE',
    '2:13',
    /object 'r1' is room, but argument 1 of in expects switch/,
  ],
  [
    '(:trajectory\n(:state (in s1 r1) (lit s1))\n(:action (flip_on s1 r1))\n(:state))',
    'LEARN_WRONG_TYPE',
    '2:25',
    /object 's1' is used as room \(argument 1 of lit\) but earlier as switch/,
  ],
  [
    '(:trajectory\n(:state (in ?s r1))\n(:action (flip_on s1 r1))\n(:state))',
    'LEARN_NOT_GROUND',
    '2:13',
    /variable '\?s'/,
  ],
  [
    '(:trajectory\n(:state (not (on s1)))\n(:action (flip_on s1 r1))\n(:state))',
    'LEARN_SYNTAX',
    '2:9',
    /\(not \.\.\.\) is not allowed/,
  ],
];

test('bad trajectories: one located error each, with a stable code', () => {
  for (const [text, code, at, message] of BAD) {
    const r = rejection(text);
    assert.deepEqual([r.code, r.at], [code, at], `${JSON.stringify(text)}: ${r.message}`);
    assert.match(r.message, message);
  }
  assert.match(
    rejection('(:trajectory\n(:state (inn s1 r1))\n(:action (flip_on s1 r1))\n(:state))').hint!,
    /did you mean 'in'\?/,
  );
});

test('observations that break SAM assumptions: an error naming the steps, never a silently wrong model', () => {
  // flip_on added (lit ?r) once, then left it false: not deterministic STRIPS.
  const twice = rejection(`(:trajectory
(:state (in s1 r1) (in s2 r2))
(:action (flip_on s1 r1))
(:state (in s1 r1) (in s2 r2) (on s1) (lit r1))
(:action (flip_on s2 r2))
(:state (in s1 r1) (in s2 r2) (on s1) (lit r1) (on s2)))`);
  assert.equal(twice.code, 'LEARN_INCONSISTENT');
  assert.equal(twice.at, '5:1');
  assert.match(
    twice.message,
    /flip_on: \(lit \?r\) became true at t\.traj:3:1 step 1 \(flip_on s1 r1\) \(\(lit r1\)\) but \(lit r2\) stayed false at t\.traj:5:1 step 2 \(flip_on s2 r2\)/,
  );
  // A fact about an object the action does not mention changed.
  const stray = rejection(`(:trajectory
(:state (in s1 r1) (in s2 r2))
(:action (flip_on s1 r1))
(:state (in s1 r1) (in s2 r2) (on s1) (lit r1) (lit r2)))`);
  assert.equal(stray.code, 'LEARN_UNEXPLAINED_CHANGE');
  assert.match(stray.message, /\(lit r2\) became true, but r2 is not an argument of the action/);
});
