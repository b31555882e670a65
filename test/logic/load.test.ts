/**
 * The loader that packs facts while parsing (load.ts) against the full parser: the same
 * facts in the same order, the same constants interned in the same order, and on bad
 * input the same error (message, file:line:col, hint, code), on hand-written texts and
 * on thousands of randomly damaged ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FactTable,
  ProgramLoader,
  createReasoner,
  formatRule,
  loadProgram,
  parseProgram,
} from '../../src/logic/index.js';
import type { LoadedProgram, Program, Value } from '../../src/logic/index.js';
import { UserError, formatUserError } from '../../src/errors.js';
import { rng } from './random-program.js';

/** -0 and 0 are one constant (one id) in the engine. */
const zero = (v: Value): Value => (Object.is(v, -0) ? 0 : v);

/** Facts per predicate as value tuples, in order; values in order of first use. */
function packedView(t: FactTable): { facts: Record<string, Value[][]>; values: Value[] } {
  const values = t.interner.values;
  const facts: Record<string, Value[][]> = {};
  for (const [p, { arity, tuples }] of t.byPredicate) {
    const rows: Value[][] = (facts[p] = []);
    for (let i = 0; i < tuples.count; i++)
      rows.push(
        Array.from(tuples.ids.rows.subarray(i * arity, (i + 1) * arity), (id) => zero(values[id]!)),
      );
  }
  return { facts, values: [...values] };
}

function atomView(p: Program): { facts: Record<string, Value[][]>; values: Value[] } {
  const facts: Record<string, Value[][]> = {};
  const seen = new Set<string>();
  const values: Value[] = [];
  for (const f of p.facts) {
    const vs = f.args.map((a) => (a.kind === 'const' ? a.value : NaN));
    (facts[f.predicate] ??= []).push(vs.map(zero));
    for (const v of vs) {
      // The interner keeps one id per value (0 and -0 alike).
      const key = `${typeof v}:${Object.is(v, -0) ? 0 : v}`;
      if (!seen.has(key)) (values.push(v), seen.add(key));
    }
  }
  return { facts, values };
}

type Outcome = { error: string } | { facts: string[]; rules: string[]; view?: unknown };

/** What the full parser + createReasoner make of a text, or the error line it prints. */
function viaParser(text: string, file?: string): Outcome {
  try {
    const program = parseProgram(text, file);
    const r = createReasoner(program);
    return {
      facts: r.facts().map((a) => JSON.stringify(a)),
      rules: program.rules.map(formatRule),
      view: atomView(program),
    };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { error: formatUserError(err) };
  }
}

function viaLoader(text: string, file?: string): Outcome {
  try {
    const program: LoadedProgram = loadProgram(text, file);
    const view = packedView(program.facts);
    const r = createReasoner(program);
    return {
      facts: r.facts().map((a) => JSON.stringify(a)),
      rules: program.rules.map(formatRule),
      view,
    };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { error: formatUserError(err) };
  }
}

const same = (text: string, file?: string) =>
  assert.deepEqual(viaLoader(text, file), viaParser(text, file), JSON.stringify(text));

const GOOD = `% a header comment
edge(1, 2). edge(2, 3).
edge( 3 ,4 ) .
edge(4,
  5).
edge(5, /* inline */ 6).
ee(1, 2).  e(7).  e(-0). e(0). e(007). e(-12).
big(123456789012345). big(1234567890123456). big(-999999999999999).
name(alice, "Alice B.", "", "caf\u00e9 \u2603", "tab\\there", "q\\"uote", "\\u00e9").
flag. flag().
wide(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30).
not(x).\r
path(X, Y) :- edge(X, Y).
edge(6, 7).   // trailing comment
path(X, Z) :- path(X, Y), edge(Y, Z).
reach(N) :- e(N), not flag, N != 3.
`;

test('the loader packs the same facts, values and rules as the full parser', () => {
  same(GOOD);
  same(GOOD, 'good.dl');
  const out = viaLoader(GOOD);
  assert.ok('facts' in out && out.facts.length > 20);
});

const BAD = [
  'edge(1, 2).\nedge(1, X).', // a variable in a fact
  'edge(1, 2).\nedge(1, 2, 3).', // arity mismatch between facts
  'edge(1, 2).\nedge(1 2).', // missing comma
  'edge(1, 2).\nedge(1, 2)', // missing dot at the end
  'edge(1, 2).\nedge(1, 2) edge(2, 3).',
  'edge(1, 12345678901234567890).', // unsafe integer
  'edge(1, "open).\nedge(2, 3).', // unterminated string
  'edge(1, "bad \\u12").',
  'edge(1, 2).\n/* never closed',
  'edge(1, 2).\nEdge(1, 2).',
  'edge(1, 2.5).',
  'edge(1, -).',
  'edge(1, 2a).',
  'edge(1, 2).\n\u00e9t\u00e9(1).',
  'p(a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,aa,bb,cc,dd,ee).', // 31 arguments
  'e(1, 2).\ne(1, 2, 3).\nbroken(', // the syntax error wins over the earlier arity error
  'e(1, 2).\np(X) :- e(X).', // arity mismatch between a fact and a rule
  'p(X) :- e(X, Y).\ne(1).', // the same, rule first: the fact's arity still wins
  'e(1).\np(X) :- e(X), not p(X).', // unstratifiable
  'e(1, 2) :- .',
  'e(1, 2), e(2, 3).',
  'e(1, 2).\ne(1, X) :- e(2, 1).', // unsafe variable
];

test('bad input: the same error, word for word and place for place', () => {
  for (const text of BAD) {
    const out = viaParser(text, 'bad.dl');
    assert.ok('error' in out, `expected an error for ${JSON.stringify(text)}`);
    same(text, 'bad.dl');
    same(text);
  }
});

test('several files: a syntax error in a later file comes before an arity error in an earlier one', () => {
  const loader = new ProgramLoader().add('e(1, 2).\ne(1).\n', 'a.dl');
  assert.throws(
    () => loader.add('ok(1).\nbroken(', 'b.dl'),
    (err: UserError) => formatUserError(err).startsWith('b.dl:2:8: error[LOGIC_SYNTAX]'),
  );
  const fine = new ProgramLoader().add('e(1, 2).\ne(1).\n', 'a.dl').add('ok(1).', 'b.dl');
  assert.throws(
    () => createReasoner(fine.program),
    (err: UserError) =>
      formatUserError(err).startsWith("a.dl:2:1: error[LOGIC_ARITY]: 'e' used with 1 argument"),
  );
});

/** Pieces that damage a text in the ways a fast path could get wrong. */
const PIECES = [
  '(',
  ')',
  ',',
  '.',
  '"',
  '\\',
  'X',
  '_',
  '1',
  '-',
  '-0',
  '%',
  '\n',
  ' ',
  'a',
  ':-',
  'not ',
  '/*',
  '*/',
  '//',
  '9999999999999999',
  'é',
  '\t',
  '!',
];

test('randomly damaged programs: the loader and the full parser agree (3,000 texts)', () => {
  const r = rng(2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  let errors = 0;
  for (let n = 0; n < 3000; n++) {
    let text = GOOD;
    const edits = 1 + Math.floor(r() * 3);
    for (let k = 0; k < edits; k++) {
      const at = Math.floor(r() * text.length);
      const what = r();
      if (what < 0.5) text = text.slice(0, at) + pick(PIECES) + text.slice(at);
      else if (what < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
      else text = text.slice(0, at) + pick(PIECES) + text.slice(at + 1);
    }
    const expected = viaParser(text, 'fuzz.dl');
    if ('error' in expected) errors++;
    assert.deepEqual(viaLoader(text, 'fuzz.dl'), expected, JSON.stringify(text));
  }
  // Both kinds of outcome were exercised.
  assert.ok(errors > 300 && errors < 2900, `${errors} errors`);
});
