/** Proofs and why-not answers as text and JSON text, iteratively (proofs can be 10^5 deep). */
import { formatAtom, formatRule } from './build.js';
import type { Proof, WhyNot } from './explain.js';

/** Depth from which `formatProof` stops indenting further and prints the depth instead. */
export const PROOF_INDENT_LIMIT = 40;

/**
 * The proof as an indented tree, one fact per line. Lines deeper than
 * `PROOF_INDENT_LIMIT` keep that indentation and start with `(depth N)`, so a proof of
 * depth 10^5 prints in linear size. Iterative: safe for any depth.
 */
export function formatProof(p: Proof, indent = ''): string {
  const lines: string[] = [];
  const stack: Array<[Proof, number]> = [[p, 0]];
  while (stack.length > 0) {
    const [q, depth] = stack.pop()!;
    const pad = `${indent}${'  '.repeat(Math.min(depth, PROOF_INDENT_LIMIT))}${depth > PROOF_INDENT_LIMIT ? `(depth ${depth}) ` : ''}`;
    switch (q.kind) {
      case 'base':
        lines.push(`${pad}${formatAtom(q.fact)}  [base fact]`);
        break;
      case 'not':
        lines.push(`${pad}not ${formatAtom(q.fact)}  [no proof]`);
        break;
      case 'check':
        lines.push(`${pad}${q.text}  [holds]`);
        break;
      case 'rule':
        lines.push(`${pad}${formatAtom(q.fact)}  [by ${formatRule(q.rule)}]`);
        for (let i = q.premises.length - 1; i >= 0; i--) stack.push([q.premises[i]!, depth + 1]);
    }
  }
  return lines.join('\n');
}

/**
 * The proof as compact JSON text: `{ fact, rule, bindings, premises: [...] }` for a rule
 * node, `{ fact, base: true }`, `{ not, proof: null }` or `{ check }`. Written
 * iteratively (`JSON.stringify` of the nested objects overflows the stack beyond a few
 * thousand levels; `JSON.parse` reads the text back at any depth).
 */
export function proofToJson(p: Proof): string {
  const out: string[] = [];
  const stack: Array<Proof | string> = [p];
  const str = JSON.stringify;
  while (stack.length > 0) {
    const q = stack.pop()!;
    if (typeof q === 'string') {
      out.push(q);
      continue;
    }
    switch (q.kind) {
      case 'base':
        out.push(`{"fact":${str(formatAtom(q.fact))},"base":true}`);
        break;
      case 'not':
        out.push(`{"not":${str(formatAtom(q.fact))},"proof":null}`);
        break;
      case 'check':
        out.push(`{"check":${str(q.text)}}`);
        break;
      case 'rule':
        out.push(
          `{"fact":${str(formatAtom(q.fact))},"rule":${str(formatRule(q.rule))},"bindings":${str(q.bindings)},"premises":[`,
        );
        stack.push(']}');
        for (let i = q.premises.length - 1; i >= 0; i--) {
          stack.push(q.premises[i]!);
          if (i > 0) stack.push(',');
        }
    }
  }
  return out.join('');
}

/** A why-not answer as text. */
export function formatWhyNot(w: WhyNot): string {
  if (w.holds) return `${formatAtom(w.fact)} holds:\n${formatProof(w.proof, '  ')}`;
  const lines = [`${formatAtom(w.fact)} does not hold: ${w.reason}.`];
  for (const f of w.rules) {
    lines.push(`  rule ${formatRule(f.rule)}`);
    if (f.failedAt === 'head') lines.push(`    head does not match: ${f.text}`);
    else {
      lines.push(`    fails at premise ${f.failedAt + 1}: ${f.text}`);
      const shown = f.tried
        .map((b) =>
          Object.entries(b)
            .filter(([k]) => !k.startsWith('_'))
            .map(([k, v]) => `${k} = ${typeof v === 'string' ? v : String(v)}`)
            .join(', '),
        )
        .filter((s) => s !== '');
      if (shown.length > 0) lines.push(`    tried: ${shown.join('; ')}`);
    }
  }
  return lines.join('\n');
}
