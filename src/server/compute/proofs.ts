/** Reasoner proofs as plain trees for JSON: the fact, how it holds, what it rests on. */
import { formatAtom, formatRule } from '../../logic/index.js';
import type { Atom, Bindings, Proof } from '../../logic/index.js';

export interface ProofNode {
  fact: string;
  /** 'given' (a stated fact), 'not' (negation as failure), 'check' (a comparison), or the rule used. */
  via: string;
  children: ProofNode[];
}

/**
 * Proofs deeper than this are cut: a page cannot show a 20,000-level tree, and JSON.stringify
 * would overflow the stack on it. The cut node says so; the CLI prints the whole proof.
 */
export const PROOF_DEPTH_LIMIT = 200;

export function proofTree(p: Proof, depth = 0): ProofNode {
  switch (p.kind) {
    case 'base':
      return { fact: formatAtom(p.fact), via: 'given', children: [] };
    case 'rule':
      if (depth >= PROOF_DEPTH_LIMIT) {
        return {
          fact: formatAtom(p.fact),
          via: `proof continues deeper than ${PROOF_DEPTH_LIMIT} levels (atelier reason --why prints it whole)`,
          children: [],
        };
      }
      return {
        fact: formatAtom(p.fact),
        via: formatRule(p.rule),
        children: p.premises.map((q) => proofTree(q, depth + 1)),
      };
    case 'not':
      return { fact: `not ${formatAtom(p.fact)}`, via: 'not', children: [] };
    case 'check':
      return { fact: p.text, via: 'check', children: [] };
  }
}

/** The atom with its variables replaced by their bound values. */
export function instantiate(a: Atom, b: Bindings): Atom {
  return {
    predicate: a.predicate,
    args: a.args.map((t) =>
      t.kind === 'var' && b[t.name] !== undefined
        ? { kind: 'const' as const, value: b[t.name]! }
        : t,
    ),
  };
}
