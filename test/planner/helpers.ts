/** Shared helpers for the planner tests: parse inline PDDL, plan, and re-check the plan step by step. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDomain, parseProblem } from '../../src/pddl/index.js';
import type { Domain, Problem } from '../../src/pddl/index.js';
import { plan } from '../../src/planner/index.js';
import type { PlanOptions, PlanResult } from '../../src/planner/index.js';
import { validate } from '../../src/planner/validator/index.js';

export const FIXTURES = new URL('../fixtures/planner/', import.meta.url).pathname;

export function parse(
  domainText: string,
  problemText: string,
): { domain: Domain; problem: Problem } {
  const domain = parseDomain(domainText);
  return { domain, problem: parseProblem(problemText, domain) };
}

export function fixture(dir: string, problemFile: string): { domain: Domain; problem: Problem } {
  return parse(
    readFileSync(`${FIXTURES}${dir}/domain.pddl`, 'utf8'),
    readFileSync(`${FIXTURES}${dir}/${problemFile}`, 'utf8'),
  );
}

/** Plans and asserts the plan is valid according to the independent validator (step by step). */
export async function solveAndCheck(
  task: { domain: Domain; problem: Problem },
  options: PlanOptions = {},
): Promise<PlanResult & { status: 'solved' }> {
  const r = await plan(task.domain, task.problem, options);
  assert.equal(r.status, 'solved', `expected a plan, got ${r.status}`);
  if (r.status !== 'solved') throw new Error('unreachable');
  const v = validate(task.domain, task.problem, r.plan);
  assert.ok(v.valid, v.valid ? '' : v.message);
  if (v.valid) assert.equal(r.cost, v.cost);
  return r;
}
