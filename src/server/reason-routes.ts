/** POST /api/reason: a Datalog program and a query -> answers, each with its proof (or why not). */
import type { Hono } from 'hono';
import { z } from 'zod';
import { LogicError, createReasoner, formatAtom, formatWhyNot, parseBody } from '../logic/index.js';
import type { Literal } from '../logic/index.js';
import { HttpError } from './errors.js';
import type { Operation } from './openapi.js';
import { instantiate, proofTree } from './proofs.js';
import type { ProofNode } from './proofs.js';
import { readBody } from './validate.js';

/** Most answers returned; more are counted but not sent. */
const MAX_ANSWERS = 200;

export const ReasonRequest = z.object({
  program: z.string().describe('facts and rules, e.g. "edge(a, b). path(X, Y) :- edge(X, Y)."'),
  query: z
    .string()
    .min(1, 'the query is empty')
    .describe('an atom or a conjunction, e.g. "path(a, X)" or "p(X), not q(X)"'),
});

const ProofNodeSchema: z.ZodType<ProofNode> = z.lazy(() =>
  z.object({ fact: z.string(), via: z.string(), children: z.array(ProofNodeSchema) }),
);
export const ReasonResponse = z.object({
  answers: z.array(
    z.object({
      bindings: z.record(z.string(), z.union([z.string(), z.number()])),
      fact: z.string(),
      proof: ProofNodeSchema,
    }),
  ),
  total: z.number(),
  whyNot: z.array(z.string()).optional(),
});

function logicError(err: LogicError, file: string): HttpError {
  return new HttpError(400, 'logic_error', err.message, {
    ...(err.location ? { location: { ...err.location, file: err.location.file ?? file } } : {}),
    ...(err.hint ? { hint: err.hint } : {}),
  });
}

export function reasonRoutes(app: Hono): Operation[] {
  app.post('/api/reason', async (c) => {
    const body = await readBody(c, ReasonRequest);
    let reasoner;
    try {
      reasoner = createReasoner(body.program, 'program');
    } catch (err) {
      if (err instanceof LogicError) throw logicError(err, 'program');
      throw err;
    }
    let literals: Literal[];
    let bindings;
    try {
      literals = parseBody(body.query.trim().replace(/[.?]$/, ''), 'query');
      bindings = reasoner.query(literals);
    } catch (err) {
      if (err instanceof LogicError) throw logicError(err, 'query');
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
    const result: z.infer<typeof ReasonResponse> = { answers, total: bindings.length };
    // A single ground atom that does not hold: say which rule premise failed.
    if (
      bindings.length === 0 &&
      literals.length === 1 &&
      positives.length === 1 &&
      positives[0]!.args.every((t) => t.kind === 'const')
    ) {
      result.whyNot = formatWhyNot(reasoner.whyNot(positives[0]!)).split('\n');
    }
    return c.json(result);
  });
  return [
    {
      method: 'post',
      path: '/api/reason',
      summary:
        'Reason: program + query -> answers with proofs (and why not, for a ground query that fails)',
      tag: 'reasoning',
      body: ReasonRequest,
      response: ReasonResponse,
      errors: [400, 413],
    },
  ];
}
