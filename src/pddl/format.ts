/** PDDL text of AST pieces, for messages: `(on a b)`, `(not (clear ?x))`. */
import type { Atom, Condition, TypedName } from './ast.js';

/** Substitutes variables through `binding` (unbound variables stay as written). */
export function formatAtom(atom: Atom, binding?: ReadonlyMap<string, string>): string {
  const args = binding === undefined ? atom.args : atom.args.map((a) => binding.get(a) ?? a);
  return `(${[atom.predicate, ...args].join(' ')})`;
}

function formatParams(params: TypedName[]): string {
  return params
    .map((p) =>
      p.types.length === 1 && p.types[0] === 'object'
        ? p.name
        : `${p.name} - ${p.types.length === 1 ? p.types[0]! : `(either ${p.types.join(' ')})`}`,
    )
    .join(' ');
}

export function formatCondition(c: Condition, binding?: ReadonlyMap<string, string>): string {
  switch (c.kind) {
    case 'atom':
      return formatAtom(c.atom, binding);
    case 'not':
      return `(not ${formatCondition(c.arg, binding)})`;
    case 'and':
    case 'or':
      return `(${[c.kind, ...c.args.map((a) => formatCondition(a, binding))].join(' ')})`;
    case 'imply':
      return `(imply ${formatCondition(c.if, binding)} ${formatCondition(c.then, binding)})`;
    case 'exists':
    case 'forall': {
      // Quantified variables shadow outer bindings of the same name.
      let inner = binding;
      if (binding !== undefined && c.params.some((p) => binding.has(p.name))) {
        const copy = new Map(binding);
        for (const p of c.params) copy.delete(p.name);
        inner = copy;
      }
      return `(${c.kind} (${formatParams(c.params)}) ${formatCondition(c.body, inner)})`;
    }
  }
}
