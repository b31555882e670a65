/**
 * The programs `npm run bench:reasoner` runs through `atelier reason` and, when it is on
 * the PATH, Soufflé: each case is one seeded input written twice, as an Atelier program
 * (facts inline) and as a Soufflé program (`.decl`, facts in `.facts` files).
 */

/** Mulberry32: the seeded generator of the benchmark's inputs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Pair = readonly [number, number];

/** `edges` distinct random edges over `nodes` nodes. */
export function randomGraph(nodes: number, edges: number, seed: number): Pair[] {
  const r = rng(seed);
  const seen = new Set<number>();
  const out: Pair[] = [];
  while (out.length < edges) {
    const a = Math.floor(r() * nodes),
      b = Math.floor(r() * nodes);
    if (seen.has(a * nodes + b)) continue;
    seen.add(a * nodes + b);
    out.push([a, b]);
  }
  return out;
}

/** 0 -> 1 -> ... -> n-1. */
export function chain(n: number): Pair[] {
  return Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as const);
}

/** Levels of `width` nodes below one root; each node's parent is random in the level above. */
export function layeredTree(width: number, depth: number, seed: number): Pair[] {
  const r = rng(seed);
  const out: Pair[] = [];
  let above = [0];
  let next = 1;
  for (let d = 0; d < depth; d++) {
    const level = Array.from({ length: width }, () => next++);
    for (const n of level) out.push([n, above[Math.floor(r() * above.length)]!]);
    above = level;
  }
  return out;
}

/** One benchmark input: the same facts and rules for both systems. */
export interface BenchProgram {
  name: string;
  input: string;
  /** Atelier program: facts then rules. */
  atelier: string;
  /** Soufflé program without I/O directives, and its input relations' facts (tab-separated). */
  souffle: string;
  facts: Record<string, string>;
  /** Derived relations (printed by both). */
  derived: string[];
}

const atelierFacts = (pred: string, pairs: Pair[]) =>
  pairs.map(([a, b]) => `${pred}(${a}, ${b}).`).join('\n');
const tsv = (pairs: Pair[]) => `${pairs.map(([a, b]) => `${a}\t${b}`).join('\n')}\n`;

const TC_ATELIER = 'path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).';
const TC_SOUFFLE = `.decl edge(x: number, y: number)
.decl path(x: number, y: number)
path(x, y) :- edge(x, y).
path(x, z) :- path(x, y), edge(y, z).`;

function closure(name: string, input: string, edges: Pair[]): BenchProgram {
  return {
    name,
    input,
    atelier: `${atelierFacts('edge', edges)}\n${TC_ATELIER}\n`,
    souffle: TC_SOUFFLE,
    facts: { edge: tsv(edges) },
    derived: ['path'],
  };
}

function sameGeneration(width: number, depth: number): BenchProgram {
  const parents = layeredTree(width, depth, 3);
  return {
    name: 'same generation',
    input: `layered tree ${width} wide x ${depth} deep`,
    atelier: `${atelierFacts('parent', parents)}
sg(X, Y) :- parent(X, P), parent(Y, P), X != Y.
sg(X, Y) :- parent(X, A), parent(Y, B), sg(A, B).
`,
    souffle: `.decl parent(x: number, y: number)
.decl sg(x: number, y: number)
sg(x, y) :- parent(x, p), parent(y, p), x != y.
sg(x, y) :- parent(x, a), parent(y, b), sg(a, b).`,
    facts: { parent: tsv(parents) },
    derived: ['sg'],
  };
}

/** Pairs of distinct nodes with no path between them: a closure, then a negation over it. */
function unreachable(nodes: number, edges: number): BenchProgram {
  const g = randomGraph(nodes, edges, 7);
  const ns = Array.from({ length: nodes }, (_, i) => i);
  return {
    name: 'closure with negation',
    input: `${nodes} nodes, ${edges} edges`,
    atelier: `${atelierFacts('edge', g)}
${ns.map((n) => `node(${n}).`).join('\n')}
${TC_ATELIER}
unreachable(X, Y) :- node(X), node(Y), X != Y, not path(X, Y).
`,
    souffle: `${TC_SOUFFLE}
.decl node(x: number)
.decl unreachable(x: number, y: number)
unreachable(x, y) :- node(x), node(y), x != y, !path(x, y).`,
    facts: { edge: tsv(g), node: `${ns.join('\n')}\n` },
    derived: ['path', 'unreachable'],
  };
}

/** The comparison cases at full or --quick sizes. */
export function comparisonCases(quick: boolean): BenchProgram[] {
  const q = (full: number, small: number) => (quick ? small : full);
  const tc = (nodes: number, edges: number) =>
    closure(
      'transitive closure',
      `random, ${nodes} nodes, ${edges} edges`,
      randomGraph(nodes, edges, 42),
    );
  return [
    tc(400, 1000),
    tc(q(2000, 1000), q(10_000, 5000)),
    tc(q(2900, 1200), q(11_600, 4800)),
    tc(140_000, 100_000),
    closure('transitive closure', `chain of ${q(2500, 1000)} nodes`, chain(q(2500, 1000))),
    sameGeneration(q(600, 200), q(8, 5)),
    unreachable(q(1500, 600), q(1800, 700)),
  ];
}
