import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDomainFile, loadProblemFile } from '../../src/pddl/index.js';

const fx = 'test/fixtures/pddl';

test('parses the IPC blocks domain and a problem, lower-casing every name', () => {
  const domain = loadDomainFile(`${fx}/blocks/domain.pddl`);
  assert.equal(domain.name, 'blocks');
  assert.deepEqual(domain.requirements, [':strips']);
  assert.deepEqual(
    domain.actions.map((a) => a.name),
    ['pick-up', 'put-down', 'stack', 'unstack'],
  );
  const stack = domain.actions.find((a) => a.name === 'stack')!;
  assert.deepEqual(
    stack.params.map((p) => [p.name, p.types]),
    [
      ['?x', ['object']],
      ['?y', ['object']],
    ],
  );
  assert.deepEqual(stack.precondition, {
    kind: 'and',
    args: [
      // columns count a tab as one character
      {
        kind: 'atom',
        atom: {
          predicate: 'holding',
          args: ['?x'],
          loc: { file: `${fx}/blocks/domain.pddl`, line: 33, col: 26 },
        },
      },
      {
        kind: 'atom',
        atom: {
          predicate: 'clear',
          args: ['?y'],
          loc: { file: `${fx}/blocks/domain.pddl`, line: 33, col: 39 },
        },
      },
    ],
  });
  assert.deepEqual(stack.loc, { file: `${fx}/blocks/domain.pddl`, line: 31, col: 3 });
  const problem = loadProblemFile(`${fx}/blocks/probBLOCKS-4-0.pddl`, domain);
  assert.equal(problem.name, 'blocks-4-0');
  assert.deepEqual(
    problem.objects.map((o) => o.name),
    ['d', 'b', 'a', 'c'],
  );
  assert.equal(problem.init.length, 9);
  assert.deepEqual(problem.init[0]!.args, ['c']);
  assert.equal(problem.goal.kind, 'and');
});

test('parses a typed domain with a type hierarchy (barman) and its problem', () => {
  const domain = loadDomainFile(`${fx}/barman/domain.pddl`);
  const shot = domain.types.find((t) => t.name === 'shot');
  assert.deepEqual(shot?.parents, ['container']);
  assert.deepEqual(domain.types.find((t) => t.name === 'container')?.parents, ['object']);
  const grasp = domain.actions.find((a) => a.name === 'grasp')!;
  assert.deepEqual(
    grasp.params.map((p) => [p.name, p.types]),
    [
      ['?h', ['hand']],
      ['?c', ['container']],
    ],
  );
  const problem = loadProblemFile(`${fx}/barman/p1-11-4-15.pddl`, domain);
  assert.ok(problem.objects.some((o) => o.types[0] === 'shaker'));
  assert.ok(problem.init.length > 10);
});

test('parses gripper (untyped, type predicates) with its problem', () => {
  const domain = loadDomainFile(`${fx}/gripper/domain.pddl`);
  const problem = loadProblemFile(`${fx}/gripper/prob01.pddl`, domain);
  assert.ok(problem.init.some((a) => a.predicate === 'at-robby'));
});
