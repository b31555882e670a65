import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'atelier-reason-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const run = (...args: string[]) => {
  const r = spawnSync('./bin/atelier', ['reason', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('atelier reason prints derived facts sorted, answers queries and prints proofs', () => {
  const r = run('examples/logic/paris.dl');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.deepEqual(lines, [...lines].sort());
  assert.ok(lines.includes('returned_to_paris(laurent)'));
  assert.ok(lines.includes('available(marie)'));
  assert.ok(!lines.includes('candidate(marie)'), 'base facts are not printed');
  const q = run('examples/logic/paris.dl', '--query', 'returned_to_paris(P)');
  assert.equal(q.out, 'P = arthur\nP = laurent\n');
  const why = run('examples/logic/paris.dl', '--why', 'returned_to_paris(laurent)');
  assert.equal(why.code, 0);
  assert.match(
    why.out,
    /^returned_to_paris\(laurent\) {2}\[by returned_to_paris\(P\) :- .*\]\n {2}left\(laurent, deepmind\) {2}\[base fact\]/,
  );
  const whyNot = run('examples/logic/paris.dl', '--why-not', 'available(arthur)');
  assert.match(whyNot.out, /fails at premise 2: not hired\(arthur\)/);
  const json = run('examples/logic/paris.dl', '--query', 'available(P)', '--json');
  assert.deepEqual(JSON.parse(json.out), { query: [{ P: 'laurent' }, { P: 'marie' }] });
  const missing = run('examples/logic/paris.dl', '--why', 'available(arthur)');
  assert.equal(missing.code, 1);
});

test('atelier reason reports bad input with file:line:col, exit 2 and no stack trace', () => {
  const bad = file('bad.dl', 'p(a).\nq(X) :- p(X), not r(X).\nr(X) :- q(X).\n');
  const r = run(bad);
  assert.equal(r.code, 2);
  assert.equal(
    r.err,
    `${bad}:2:15: error[LOGIC_UNSTRATIFIABLE]: negation through recursion: q -> not r -> q\n  hint: 'q' depends on 'not r', which depends on 'q' again; the program has no stratification\n`,
  );
  const syntax = run(file('syntax.dl', 'p(a)\n'));
  assert.equal(syntax.code, 2);
  assert.match(
    syntax.err,
    /syntax\.dl:2:1: error\[LOGIC_SYNTAX\]: expected '\.' or ':-', found end of input/,
  );
  assert.doesNotMatch(syntax.err, /\n\s+at /);
  const arg = run('examples/logic/paris.dl', '--query', 'path(X, ');
  assert.equal(arg.code, 2);
  assert.match(arg.err, /^--query:1:9: error\[LOGIC_SYNTAX\]: expected a term/);
  const nofile = run(join(dir, 'none.dl'));
  assert.equal(nofile.code, 2);
  assert.match(nofile.err, /cannot read/);
});

// The CLI still builds its JSON proof recursively (src/cli/reason.ts, proofJson), even without
// --json: this passes once it writes proofs with proofToJson.
test('atelier reason --why prints a 20,000-step proof (no stack overflow), and --json parses back', () => {
  const n = 20_000;
  const lines = ['reach(0).', 'reach(Y) :- reach(X), edge(X, Y).'];
  for (let i = 0; i < n; i++) lines.push(`edge(${i}, ${i + 1}).`);
  const chain = file('chain.dl', `${lines.join('\n')}\n`);
  const big = (...args: string[]) => {
    const r = spawnSync('./bin/atelier', ['reason', chain, ...args], {
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const text = big('--why', `reach(${n})`);
  assert.equal(text.code, 0, text.err.slice(0, 2000));
  assert.equal(text.err, '');
  const out = text.out.split('\n');
  assert.equal(out[0], `reach(${n})  [by reach(Y) :- reach(X), edge(X, Y).]`);
  assert.match(out[n]!, new RegExp(`^ +\\(depth ${n}\\) reach\\(0\\) {2}\\[base fact\\]$`));
  assert.equal(out.length, 2 * n + 2, 'one line per premise, then a final newline');
  const json = big('--why', `reach(${n})`, '--json');
  assert.equal(json.code, 0, json.err.slice(0, 2000));
  let node = (JSON.parse(json.out) as { why: { fact: string; premises?: Array<{ fact: string }> } })
    .why;
  for (let i = 0; i < n; i++) node = node.premises![0]!;
  assert.equal(node.fact, 'reach(0)');
});
