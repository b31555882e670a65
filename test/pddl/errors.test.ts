import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PddlError, parseDomain, parsePlan, parseProblem } from '../../src/pddl/index.js';
import { UserError } from '../../src/errors.js';

const DOMAIN = `(define (domain d)
  (:requirements :strips :typing)
  (:types block - object)
  (:constants table - block)
  (:predicates (on ?x ?y - block) (clear ?x - block))
  (:action move
    :parameters (?x ?y - block)
    :precondition (and (clear ?x) (clear ?y))
    :effect (and (on ?x ?y) (not (clear ?y)))))
`;

/** Asserts that `run` throws a PddlError at line:col whose message matches. */
function fails(
  run: () => unknown,
  message: RegExp,
  line: number,
  col: number,
  hint?: RegExp,
): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof PddlError, `expected a PddlError, got ${String(err)}`);
    assert.ok(err instanceof UserError);
    assert.equal(err.exitCode, 2);
    assert.match(err.message, message);
    assert.deepEqual(
      [err.location.file, err.location.line, err.location.col],
      ['f.pddl', line, col],
      err.message,
    );
    if (hint !== undefined) assert.match(err.hint ?? '', hint);
    return true;
  });
}

const domain = (text: string) => () => parseDomain(text, 'f.pddl');
const problem = (text: string) => () => parseProblem(text, parseDomain(DOMAIN), 'f.pddl');

test('syntax: an unclosed parenthesis points at the "(" and says how many ")" are missing', () => {
  fails(
    domain('(define (domain d)\n  (:predicates (p ?x)\n'),
    /never closed/,
    2,
    3,
    /expected 2 more '\)'/,
  );
});

test('syntax: absurd nesting is an error, not a stack overflow; a byte-order mark is ignored', () => {
  fails(
    domain(
      `(define (domain d) (:predicates (p)) (:action a :effect ${'(and '.repeat(5000)}(p)${')'.repeat(5000)}))`,
    ),
    /nested deeper than 1000/,
    1,
    5047,
  );
  assert.equal(parseDomain('\ufeff(define (domain d))').name, 'd');
});

test('syntax: a stray ")" is reported where it is', () => {
  fails(domain('(define (domain d))\n  )'), /unexpected '\)'/, 2, 3);
});

test('syntax: a missing ")" at the end of an action is blamed on that action, not on define', () => {
  const unbalanced = `(define (domain d)
  (:predicates (p))
  (:action a :parameters () :effect (p)
  (:action b :parameters () :effect (p)))`;
  fails(
    domain(unbalanced),
    /never closed/,
    3,
    3,
    /missing before line 4, column 3, where ':action' starts/,
  );
  // the last action is missing its ')': the ')' meant for define closes it, at a telling indentation
  const last =
    '(define (domain d)\n  (:predicates (p))\n  (:action b :parameters () :effect (and (p))\n)\n';
  fails(
    domain(last),
    /never closed/,
    3,
    3,
    /'\)' at line 4, column 1 is indented like the end of an outer list/,
  );
  const inside =
    '(define (domain d) (:predicates (p) (q))\n  (:action a :precondition (and (p) :effect (q))))';
  fails(
    domain(inside),
    /expected a condition, found ':effect'/,
    2,
    37,
    /'\)' is probably missing before ':effect'/,
  );
  // with an extra ')' elsewhere the parentheses balance, and the action parser notices
  const text = `(define (domain d)
  (:predicates (p))
  (:action a :parameters () :effect (p)
  (:action b :parameters () :effect (p))))`;
  fails(
    domain(text),
    /expected one of :parameters :precondition :effect in action 'a'/,
    4,
    3,
    /'\)' closing action 'a' is probably missing/,
  );
});

test('syntax: unexpected tokens and missing headers', () => {
  fails(domain(''), /empty file/, 1, 1);
  fails(domain('(domain d)'), /expected 'define', found 'domain'/, 1, 2);
  fails(domain('(define (problem p))'), /expected \(domain NAME\)/, 1, 9, /problem file/);
  fails(
    domain('(define (domain d) (:predicates (p)) (:action))'),
    /expected the action name/,
    1,
    38,
  );
  fails(
    domain('(define (domain d) (:predicates (p)) (:action a :parameters (x) :effect (p)))'),
    /expected a variable .* found 'x'/,
    1,
    62,
  );
  fails(domain('(define (domain d) (:predicates (p ?x -)))'), /expected a type after '-'/, 1, 39);
  fails(
    domain('(define (domain d) (:predicatez (p)))'),
    /unknown domain section ':predicatez'/,
    1,
    20,
    /:predicates/,
  );
  fails(domain('(define (domain d)) (define (domain e))'), /unexpected text after the end/, 1, 21);
  fails(
    domain(
      '(define (domain d) (:predicates (p)) (:action a :parameters () :effect (and (p) (or (p)))))',
    ),
    /'or' is not allowed in an effect/,
    1,
    81,
  );
});

test('requirements: unknown and unsupported flags are rejected where they are written', () => {
  fails(
    domain('(define (domain d)\n  (:requirements :strips :typo))'),
    /unknown requirement ':typo'/,
    2,
    26,
    /supported: :strips/,
  );
  fails(
    domain('(define (domain d)\n  (:requirements :durative-actions))'),
    /unsupported requirement ':durative-actions'/,
    2,
    18,
  );
  fails(
    domain('(define (domain d)\n  (:requirements :fluents))'),
    /unsupported requirement ':fluents'/,
    2,
    18,
  );
  fails(
    domain('(define (domain d) (:durative-action a))'),
    /durative actions .* not supported/,
    1,
    20,
  );
});

test('numeric fluents beyond action costs are rejected with their location', () => {
  const head =
    '(define (domain d) (:requirements :action-costs) (:predicates (p)) (:functions (fuel) - number (total-cost) - number)\n';
  fails(
    domain(`${head}(:action a :parameters () :precondition (> (fuel) 1) :effect (p)))`),
    /numeric condition '>' is not supported/,
    2,
    41,
  );
  fails(
    domain(`${head}(:action a :parameters () :effect (decrease (fuel) 1)))`),
    /numeric effect 'decrease' is not supported/,
    2,
    35,
  );
  fails(
    domain(`${head}(:action a :parameters () :effect (increase (fuel) 1)))`),
    /only \(total-cost\) may be increased/,
    2,
    45,
  );
  fails(
    domain(`${head}(:action a :parameters () :effect (increase (total-cost) -1)))`),
    /must not be negative/,
    2,
    58,
  );
});

test('semantics in a domain: unknown predicate, wrong arity, undeclared type, variable and constant', () => {
  const act = (pre: string, params = '(?x ?y - block)') =>
    DOMAIN.replace('(?x ?y - block)', params).replace('(and (clear ?x) (clear ?y))', pre);
  fails(
    domain(act('(and (clear ?x) (onn ?x ?y))')),
    /unknown predicate 'onn'/,
    8,
    36,
    /:predicates/,
  );
  fails(
    domain(act('(and (clear ?x) (on ?x))')),
    /predicate 'on' takes 2 arguments, found 1/,
    8,
    35,
    /\(on \?x \?y\)/,
  );
  fails(domain(act('(and (clear ?z))')), /undeclared variable '\?z'/, 8, 31);
  fails(domain(act('(and (clear floor))')), /undeclared constant 'floor'/, 8, 31, /:constants/);
  fails(domain(act('(clear ?x)', '(?x ?y - blok)')), /undeclared type 'blok'/, 7, 26, /:types/);
  fails(domain(act('(forall (?z - thing) (clear ?z))')), /undeclared type 'thing'/, 8, 33);
  fails(
    domain(DOMAIN.replace('(clear ?x - block))', '(clear ?x - block) (on ?a))')),
    /predicate 'on' is declared twice/,
    5,
    54,
  );
  fails(
    domain(DOMAIN.replace('(?x ?y - block)', '(?x ?x - block)')),
    /parameter '\?x' is declared twice/,
    7,
    21,
  );
});

test('types, actions and functions declared wrongly', () => {
  fails(
    domain('(define (domain d)\n  (:types a - b b - a))'),
    /type 'a' is its own ancestor/,
    2,
    11,
  );
  fails(
    domain(
      '(define (domain d) (:predicates (p))\n(:action a :effect (p))\n(:action a :effect (p)))',
    ),
    /action 'a' is defined twice \(first at line 2\)/,
    3,
    1,
  );
  fails(
    domain('(define (domain d) (:predicates (p)) (:functions (f) - object))'),
    /only numeric functions/,
    1,
    56,
    /object fluents/,
  );
  fails(
    domain('(define (domain d) (:predicates (p)) (:action a :effect (increase (total-cost) 1)))'),
    /unknown function 'total-cost'/,
    1,
    68,
    /:functions/,
  );
  fails(
    domain('(define (domain d) (:predicates (p))\n(:action a :parameters () :effect (p) :cost 3))'),
    /expected one of :parameters :precondition :effect in action 'a', found ':cost'/,
    2,
    39,
  );
});

test('derived predicates: undeclared heads, actions changing them, recursion through negation', () => {
  const base =
    '(define (domain d) (:requirements :derived-predicates)\n (:predicates (p ?x) (q ?x) (r ?x))\n';
  fails(domain(`${base}(:derived (s ?x) (p ?x)))`), /derived predicate 's' is not declared/, 3, 11);
  fails(
    domain(`${base}(:derived (q ?x) (p ?x)) (:action a :parameters (?x) :effect (q ?x)))`),
    /action 'a' changes derived predicate 'q'/,
    3,
    62,
  );
  fails(
    domain(`${base}(:derived (q ?x) (not (r ?x)))\n(:derived (r ?x) (q ?x)))`),
    /'q' depends negatively on itself \(through 'r'\)/,
    3,
    1,
  );
});

test('semantics in a problem: domain mismatch, undeclared object and type, unknown predicate, arity', () => {
  const prob = (body: string, dom = 'd') => `(define (problem p) (:domain ${dom})\n${body})`;
  fails(
    problem(prob('(:init) (:goal (and))', 'other')),
    /problem is for domain 'other', but the domain is 'd'/,
    1,
    30,
  );
  fails(
    problem(prob('(:objects a - block)\n(:init (clear b)) (:goal (clear a))')),
    /undeclared object 'b'/,
    3,
    15,
    /:objects/,
  );
  fails(
    problem(prob('(:objects a - blok) (:init) (:goal (and))')),
    /undeclared type 'blok'/,
    2,
    15,
  );
  fails(
    problem(prob('(:objects a - block) (:init (free a)) (:goal (and))')),
    /unknown predicate 'free'/,
    2,
    30,
  );
  fails(
    problem(prob('(:objects a - block) (:init) (:goal (on a))')),
    /predicate 'on' takes 2 arguments, found 1/,
    2,
    37,
  );
  fails(
    problem(prob('(:objects a - block) (:init) (:goal (clear ?x))')),
    /undeclared variable '\?x'/,
    2,
    44,
  );
  fails(problem(prob('(:objects a - block) (:goal (clear a))')), /missing section \(:init/, 1, 21);
  fails(problem(prob('(:objects a - block) (:init)')), /missing section \(:goal/, 1, 21);
  fails(
    problem(prob('(:objects a - block) (:init) (:goal (clear a)) (:metric minimize (total-cost))')),
    /does not declare/,
    2,
    66,
  );
  const typed = DOMAIN.replace('(:types block - object)', '(:types block hand - object)');
  const typedProblem = (text: string) => () => parseProblem(text, parseDomain(typed), 'f.pddl');
  fails(
    typedProblem(prob('(:objects a - block h - hand)\n(:init (on a h)) (:goal (clear a))')),
    /object 'h' is not of type block, as predicate 'on' expects for \?y/,
    3,
    14,
  );
  fails(
    typedProblem(prob('(:objects h - hand) (:init) (:goal (clear h))')),
    /object 'h' is not of type block/,
    2,
    43,
  );
  const handTable = typed
    .replace('(:constants table - block)', '(:constants table - hand)')
    .replace('(clear ?y))', '(clear table))');
  fails(
    domain(handTable),
    /constant 'table' is not of type block, as predicate 'clear' expects for \?x/,
    8,
    42,
  );
  // constants of the domain are usable in problems
  assert.equal(
    parseProblem(prob('(:init (clear table)) (:goal (clear table))'), parseDomain(DOMAIN)).init
      .length,
    1,
  );
});

test('numeric :init: a negative, non-finite or repeated value is an error where it is written', () => {
  const costs =
    '(define (domain c) (:requirements :action-costs) (:predicates (p ?x)) (:functions (len ?x) - number (total-cost) - number))';
  const prob = (init: string) => () =>
    parseProblem(
      `(define (problem p) (:domain c) (:objects a b)\n(:init ${init}) (:goal (p a)))`,
      parseDomain(costs),
      'f.pddl',
    );
  fails(
    prob('(= (len a) -5)'),
    /value of \(len a\) is negative \(-5\)/,
    2,
    19,
    /must not be negative/,
  );
  fails(prob('(= (len a) 1e999)'), /value of \(len a\) is not a finite number/, 2, 19);
  fails(
    prob('(= (len a) 2)\n  (= (len b) 1) (= (len a) 3)'),
    /\(len a\) is given a value twice \(first at line 2\)/,
    3,
    17,
    /one value/,
  );
  // zero and distinct terms are fine
  assert.deepEqual(
    prob('(= (len a) 0) (= (len b) 2.5)')().numericInit.map((n) => n.value),
    [0, 2.5],
  );
});

test('objects: a repeated object, or an object repeating a domain constant, is an error where it is repeated', () => {
  const prob = (objects: string) => () =>
    parseProblem(
      `(define (problem p) (:domain d)\n(:objects ${objects}) (:init) (:goal (and)))`,
      parseDomain(DOMAIN),
      'f.pddl',
    );
  fails(
    prob('a b - block\n  c a - block'),
    /object 'a' is declared twice \(first at line 2\)/,
    3,
    5,
    /once/,
  );
  fails(
    prob('a table - block'),
    /object 'table' is already a constant of the domain \(line 4 of the domain\)/,
    2,
    13,
    /remove it from :objects/,
  );
  fails(
    domain(DOMAIN.replace('(:constants table - block)', '(:constants table t2 table - block)')),
    /constant 'table' is declared twice/,
    4,
    24,
  );
  assert.equal(prob('a b c - block')().objects.length, 3);
});

test('plans: a malformed line is reported with its location', () => {
  assert.throws(
    () => parsePlan('(a b)\n  move a b\n', 'f.pddl'),
    (e: unknown) => e instanceof PddlError && e.location.line === 2 && e.location.col === 3,
  );
  assert.throws(() => parsePlan('(a (b))', 'f.pddl'), PddlError);
  assert.throws(
    () => parsePlan('\n\n()', 'f.pddl'),
    (e: unknown) =>
      e instanceof PddlError && /empty plan step/.test(e.message) && e.location.line === 3,
  );
});
