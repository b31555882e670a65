/**
 * The work behind POST /api/plan and POST /api/reason, as plain functions of a validated
 * request. They run inside a worker thread (see pool.ts), so they return plain data: the
 * answer as JSON text, or an error described by status, code, message and details.
 */
import {
  LogicError,
  createReasoner,
  formatAtom,
  formatWhyNot,
  parseBody,
} from '../../logic/index.js';
import type { Literal } from '../../logic/index.js';
import { PddlError, formatPlan, parseDomain, parseProblem } from '../../pddl/index.js';
import { plan } from '../../planner/index.js';
import { instantiate, proofTree } from './proofs.js';

export interface PlanTask {
  kind: 'plan';
  body: { domain: string; problem: string; optimal?: boolean | undefined };
  /** The planner's own limit: reaching it is an answer (`status: "limit"`), not an error. */
  timeLimitMs: number;
}

export interface ReasonTask {
  kind: 'reason';
  body: { program: string; query: string };
}

export type Task = PlanTask | ReasonTask;

/** A user mistake found while working (a located PDDL or logic error): a 400. */
export interface TaskError {
  status: 400;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export type TaskOutcome = { ok: true; json: string } | { ok: false; error: TaskError };

/** Most answers returned; more are counted but not sent. */
export const MAX_ANSWERS = 200;

export async function runTask(task: Task): Promise<TaskOutcome> {
  return task.kind === 'plan' ? planTask(task) : reasonTask(task);
}

async function planTask(task: PlanTask): Promise<TaskOutcome> {
  let result;
  try {
    const domain = parseDomain(task.body.domain, 'domain');
    const problem = parseProblem(task.body.problem, domain, 'problem');
    result = await plan(domain, problem, {
      timeLimitMs: task.timeLimitMs,
      ...(task.body.optimal ? { optimal: true } : {}),
    });
  } catch (err) {
    if (err instanceof PddlError)
      return failed('pddl_error', err.message, {
        location: err.location,
        ...(err.hint ? { hint: err.hint } : {}),
      });
    throw err;
  }
  if (result.status === 'solved') {
    const steps = result.plan.map((s) => ({ action: s.action, args: s.args }));
    return answer({
      status: result.status,
      plan: steps,
      text: formatPlan(result.plan, result.cost, result.unitCost),
      cost: result.cost,
      unitCost: result.unitCost,
      stats: result.stats,
    });
  }
  if (result.status === 'limit')
    return answer({ status: result.status, reason: result.reason, stats: result.stats });
  return answer({ status: result.status, stats: result.stats });
}

function reasonTask(task: ReasonTask): TaskOutcome {
  const { program, query } = task.body;
  let reasoner;
  let literals: Literal[];
  let bindings;
  let where = 'program';
  try {
    reasoner = createReasoner(program, 'program');
    where = 'query';
    literals = parseBody(query.trim().replace(/[.?]$/, ''), 'query');
    bindings = reasoner.query(literals);
  } catch (err) {
    if (err instanceof LogicError)
      return failed('logic_error', err.message, {
        ...(err.location
          ? { location: { ...err.location, file: err.location.file ?? where } }
          : {}),
        ...(err.hint ? { hint: err.hint } : {}),
      });
    throw err;
  }
  const positives = literals.flatMap((l) => (l.kind === 'atom' && !l.negated ? [l.atom] : []));
  const answers = bindings.slice(0, MAX_ANSWERS).map((b) => {
    const facts = positives.map((a) => instantiate(a, b));
    const proofs = facts.map((f) => {
      const p = reasoner.why(f);
      return p ? proofTree(p) : { fact: formatAtom(f), via: 'given', children: [] };
    });
    const fact = facts.map(formatAtom).join(', ');
    const proof = proofs.length === 1 ? proofs[0]! : { fact, via: 'query', children: proofs };
    return { bindings: b, fact, proof };
  });
  const result: { answers: typeof answers; total: number; whyNot?: string[] } = {
    answers,
    total: bindings.length,
  };
  // A single ground atom that does not hold: say which rule premise failed.
  if (
    bindings.length === 0 &&
    literals.length === 1 &&
    positives.length === 1 &&
    positives[0]!.args.every((t) => t.kind === 'const')
  ) {
    result.whyNot = formatWhyNot(reasoner.whyNot(positives[0]!)).split('\n');
  }
  return answer(result);
}

function answer(value: unknown): TaskOutcome {
  return { ok: true, json: JSON.stringify(value) };
}

function failed(code: string, message: string, details: Record<string, unknown>): TaskOutcome {
  return { ok: false, error: { status: 400, code, message, details } };
}
