/**
 * The plain start-up path of `atelier reason` (reason-run.ts, required from the CommonJS
 * build by bin/atelier) against the commander path: the same stdout, stderr and exit
 * code, for output, queries, proofs, JSON and every kind of bad input.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainReasonArgs } from '../../src/cli/reason-run.js';

const dir = mkdtempSync(join(tmpdir(), 'atelier-reason-plain-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('plainReasonArgs (the start-up path that skips commander)', () => {
  it('reads files and the known options', () => {
    assert.deepEqual(plainReasonArgs(['a.dl', '--query', 'p(X)', 'b.dl', '--json']), {
      files: ['a.dl', 'b.dl'],
      opts: { query: 'p(X)', json: true },
    });
    assert.deepEqual(plainReasonArgs(['a.dl', '--why=p(a)', '--why-not', 'q(b)']), {
      files: ['a.dl'],
      opts: { why: 'p(a)', whyNot: 'q(b)' },
    });
  });
  it('leaves help, unknown or repeated options, odd values and no file to commander', () => {
    for (const args of [
      ['a.dl', '--help'],
      ['a.dl', '-h'],
      ['a.dl', '--bogus'],
      ['a.dl', '--query'],
      ['a.dl', '--query', '-x'],
      ['a.dl', '--query', 'p(X)', '--query', 'q(X)'],
      ['a.dl', '--json=yes'],
      ['--json'],
      [],
      ['a.dl', '--', 'b.dl'],
      ['-'],
    ])
      assert.equal(plainReasonArgs(args), undefined, args.join(' '));
  });
});

const spawnOut = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** The plain path, run from the sources; exit 99 if it declined the arguments. */
const viaPlain = (args: string[]) =>
  spawnOut(process.execPath, [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    "const m = await import('./src/cli/reason-run.ts'); if (!(await m.runPlainReason(process.argv.slice(1)))) process.exit(99);",
    ...args,
  ]);

/** The commander path (bin/atelier from the sources: main.ts, no plain path for reason). */
const viaCommander = (args: string[]) =>
  spawnOut('./bin/atelier', ['reason', ...args], { ...process.env, ATELIER_FROM_SOURCE: '1' });

describe('atelier reason: the plain path prints and fails exactly like the commander path', () => {
  const good = file(
    'good.dl',
    'edge(1, 2). edge(2, 3). edge(3, 1). edge(3, "four").\npath(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\nlonely(X) :- edge(X, _), not path(X, 1).\n',
  );
  const more = file('more.dl', 'edge(4, 5).\n');
  const syntax = file('syntax.dl', 'edge(1, 2).\nedge(1 2).\n');
  const arity = file('arity.dl', 'edge(1, 2).\nedge(1, 2, 3).\n');
  const cases: string[][] = [
    [good],
    [good, more],
    [good, '--json'],
    [good, '--query', 'path(1, X)'],
    [good, '--query', 'path(1, X), not edge(X, 1)', '--json'],
    [good, '--why', 'path(1, "four")'],
    [good, '--why', 'path(5, 1)'], // does not hold: exit 1
    [good, '--why-not', 'lonely(1)', '--json'],
    [good, '--why', 'path(1, X)'], // not ground
    [good, '--query', 'path(1,'], // syntax error in the argument
    [good, '--query', 'paht(1, X)'], // unknown predicate
    [syntax],
    [arity, '--query', 'edge(X, Y)'],
    [join(dir, 'missing.dl')],
  ];
  for (const args of cases) {
    const label = args.map((a) => a.replace(`${dir}/`, '')).join(' ');
    it(label, () => {
      const expected = viaCommander(args);
      assert.deepEqual(viaPlain(args), expected);
      // bin/atelier itself: the CommonJS build's plain path when it is built and fresh,
      // else the ESM build or the sources; the same either way.
      assert.deepEqual(spawnOut('./bin/atelier', ['reason', ...args]), expected);
    });
  }
});
