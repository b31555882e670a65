/**
 * The symbolic core as MCP tools: `plan` (PDDL in, a plan checked by the validator out),
 * `validate` (a plan against a problem) and `reason` (a Datalog query: answers with their
 * proofs, or why a ground fact does not hold).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { createReasoner, formatAtom, formatWhyNot, parseBody } from '../../logic/index.js';
import type { Literal } from '../../logic/index.js';
import { formatPlan, parseDomain, parsePlan, parseProblem } from '../../pddl/index.js';
import { plan } from '../../planner/index.js';
import { validate } from '../../planner/validator/index.js';
import { instantiate, proofTree, type ProofNode } from '../compute/proofs.js';
import { guarded, ok } from './results.js';

const DEFAULT_PLAN_LIMIT_MS = 10_000;
const MAX_ANSWERS = 200;

const PlanInput = {
  domain: z.string().min(1).describe('PDDL domain text'),
  problem: z.string().min(1).describe('PDDL problem text'),
  optimal: z.boolean().optional().describe('find a cost-optimal plan (A*)'),
  timeLimitMs: z.number().int().positive().max(60_000).optional().describe('search time limit'),
};
const ValidateInput = {
  domain: z.string().min(1).describe('PDDL domain text'),
  problem: z.string().min(1).describe('PDDL problem text'),
  plan: z.string().min(1).describe('the plan: one (action arg ...) per line, ; comments'),
};
const ReasonInput = {
  program: z.string().describe('facts and rules, e.g. "edge(a, b). path(X, Y) :- edge(X, Y)."'),
  query: z
    .string()
    .min(1)
    .describe('an atom or a conjunction, e.g. "path(a, X)"; a ground atom gets why / why not'),
  why: z.boolean().optional().describe('include the proof of each answer (default true)'),
};

export function registerCoreTools(server: McpServer, planLimitMs = DEFAULT_PLAN_LIMIT_MS): void {
  registerPlan(server, planLimitMs);
  registerValidate(server);
  registerReason(server);
}

function registerPlan(server: McpServer, planLimitMs: number): void {
  server.registerTool(
    'plan',
    {
      title: 'Plan',
      description:
        'Find a plan for a PDDL problem (classical planning: STRIPS, typing, conditional effects, derived predicates, action costs). The plan is checked by an independent validator before it is returned. Bad PDDL gives the error with its line and column.',
      inputSchema: PlanInput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(async (args, extra) => {
      const domain = parseDomain(args.domain, 'domain');
      const problem = parseProblem(args.problem, domain, 'problem');
      const limit = Math.min(args.timeLimitMs ?? Infinity, planLimitMs);
      const result = await plan(domain, problem, {
        timeLimitMs: limit,
        signal: extra.signal,
        ...(args.optimal ? { optimal: true } : {}),
      });
      if (result.status === 'unsolvable')
        return ok('No plan exists: the search space was exhausted.', {
          status: 'unsolvable',
          stats: result.stats,
        });
      if (result.status === 'limit')
        return ok(`No plan found: the search stopped (${result.reason} limit, ${limit} ms).`, {
          status: 'limit',
          reason: result.reason,
          stats: result.stats,
        });
      const check = validate(domain, problem, result.plan);
      const steps = result.plan.map((s) => ({ action: s.action, args: s.args }));
      return ok(formatPlan(result.plan, result.cost, result.unitCost), {
        status: 'solved',
        plan: steps,
        cost: result.cost,
        unitCost: result.unitCost,
        valid: check.valid,
        stats: result.stats,
      });
    }),
  );
}

function registerValidate(server: McpServer): void {
  server.registerTool(
    'validate',
    {
      title: 'Validate a plan',
      description:
        'Check that a plan solves a PDDL problem, like VAL: its cost, or the first failing step and the preconditions or goals that are false.',
      inputSchema: ValidateInput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded((args) => {
      const domain = parseDomain(args.domain, 'domain');
      const problem = parseProblem(args.problem, domain, 'problem');
      const result = validate(domain, problem, parsePlan(args.plan, 'plan'));
      if (result.valid)
        return ok(
          `Plan valid: ${result.steps} step${result.steps === 1 ? '' : 's'}, cost = ${result.cost}`,
          {
            valid: true,
            steps: result.steps,
            cost: result.cost,
            unitCost: result.unitCost,
          },
        );
      const unmet = result.unmet ?? [];
      return ok(
        [`Plan invalid: ${result.message}`, ...unmet.map((u) => `  unmet: ${u}`)].join('\n'),
        {
          valid: false,
          stepIndex: result.stepIndex,
          reason: result.reason,
          message: result.message,
          unmet,
        },
      );
    }),
  );
}

function registerReason(server: McpServer): void {
  server.registerTool(
    'reason',
    {
      title: 'Reason',
      description:
        'Ask a Datalog program (facts, rules, stratified negation) a query: every answer with its proof (why), or for a ground fact that does not hold, which premise of which rule fails (why not).',
      inputSchema: ReasonInput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded((args) => reason(args.program, args.query, args.why ?? true)),
  );
}

function reason(program: string, query: string, why: boolean) {
  const reasoner = createReasoner(program, 'program');
  const literals: Literal[] = parseBody(query.trim().replace(/[.?]$/, ''), 'query');
  const bindings = reasoner.query(literals);
  const positives = literals.flatMap((l) => (l.kind === 'atom' && !l.negated ? [l.atom] : []));
  const answers = bindings.slice(0, MAX_ANSWERS).map((b) => {
    const facts = positives.map((a) => instantiate(a, b));
    const fact = facts.map(formatAtom).join(', ');
    if (!why) return { bindings: b, fact };
    const proofs = facts.map((f) => {
      const p = reasoner.why(f);
      return p ? proofTree(p) : { fact: formatAtom(f), via: 'given', children: [] };
    });
    return {
      bindings: b,
      fact,
      proof: proofs.length === 1 ? proofs[0]! : { fact, via: 'query', children: proofs },
    };
  });
  const lines = answers.flatMap((a) => ('proof' in a && a.proof ? showProof(a.proof) : [a.fact]));
  let whyNot: string[] | undefined;
  if (
    bindings.length === 0 &&
    literals.length === 1 &&
    positives.length === 1 &&
    positives[0]!.args.every((t) => t.kind === 'const')
  ) {
    whyNot = formatWhyNot(reasoner.whyNot(positives[0]!)).split('\n');
    lines.push(`${formatAtom(positives[0]!)} does not hold:`, ...whyNot.map((l) => `  ${l}`));
  } else if (bindings.length === 0) lines.push('No answers.');
  if (bindings.length > MAX_ANSWERS)
    lines.push(`... ${bindings.length - MAX_ANSWERS} more answers not shown`);
  return ok(lines.join('\n'), { answers, total: bindings.length, ...(whyNot ? { whyNot } : {}) });
}

/** A proof as indented lines: each fact, and how it holds. */
function showProof(node: ProofNode, depth = 0): string[] {
  const pad = '  '.repeat(depth);
  const via =
    node.via === 'given'
      ? 'given'
      : node.via === 'not' || node.via === 'check'
        ? node.via
        : `by ${node.via}`;
  return [`${pad}${node.fact}  [${via}]`, ...node.children.flatMap((c) => showProof(c, depth + 1))];
}
