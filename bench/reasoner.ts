/**
 * `npm run bench:reasoner [-- --quick] [--reps N] [--only TEXT]`:
 *  1. Atelier against Soufflé (reasoner-compare.ts): transitive closure on random graphs
 *     and a chain, same generation, a closure with negation; evaluation and end to end
 *     (every derived fact printed to a file), wall time and peak RSS, one process per
 *     run, best of N runs (default 3). Soufflé runs when `souffle` is on the PATH or
 *     SOUFFLE names it. `atelier reason` runs from the compiled build (dist/, built by
 *     `npm run build` as `npm install` does; rebuilt here when older than src/).
 *  2. Engine internals, each in its own process (peak RSS its own): semi-naive vs naive
 *     evaluation in the same engine (`strategy: 'naive'` re-joins full relations every
 *     round) on a 1k-edge closure; the string-based reference evaluator of the tests
 *     against the engine; incremental updates (retract + re-assert one edge, DRed)
 *     against a full evaluation.
 * `--case NAME` runs one internals case in this process; `--quick` runs smaller sizes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReasoner, fact, naiveModel, parseProgram } from '../src/logic/index.js';
import type { Atom, EvaluationStats, EvaluationStrategy, Program } from '../src/logic/index.js';
import { compare, comparisonTable, findSouffle } from './reasoner-compare.js';
import type { Comparison } from './reasoner-compare.js';
import { comparisonCases, rng } from './reasoner-cases.js';

const TC = parseProgram('path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).').rules;
function randomGraph(nodes: number, edges: number, seed: number): Atom[] {
  const r = rng(seed);
  const seen = new Set<number>();
  const out: Atom[] = [];
  while (out.length < edges) {
    const a = Math.floor(r() * nodes),
      b = Math.floor(r() * nodes);
    if (seen.has(a * nodes + b)) continue;
    seen.add(a * nodes + b);
    out.push(fact('edge', a, b));
  }
  return out;
}

interface Result {
  name: string;
  input: string;
  derived: number;
  seconds: number;
  /** CPU seconds of this process (user + system): steadier than wall time on a shared machine. */
  cpu: number;
  rateK: number;
  maxRssMB: number;
  heapMB: number;
  note?: string;
}

type Reasoner = ReturnType<typeof createReasoner>;

function measure(
  name: string,
  input: string,
  program: Program,
  count: (r: Reasoner) => number,
  strategy: EvaluationStrategy = 'semi-naive',
): Result & { stats: EvaluationStats } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = createReasoner(program, { strategy });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const derived = count(r);
  return {
    name,
    input,
    derived,
    seconds,
    cpu,
    rateK: derived / seconds / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    stats: r.stats(),
  };
}

const quick = process.argv.includes('--quick');
const CASES: Record<string, () => Result> = {
  'tc-1k-naive': () => {
    // The same graph as tc-1k. Semi-naive runs twice (best CPU time kept, JIT warm) for the ratio.
    const program = { facts: randomGraph(400, 1000, 42), rules: TC };
    const count = (r: Reasoner) => r.count('path');
    const semi = [measure('', '', program, count), measure('', '', program, count)].sort(
      (a, b) => a.cpu - b.cpu,
    )[0]!;
    const naive = measure(
      'tc, naive (same engine)',
      '400 nodes, 1000 edges',
      program,
      count,
      'naive',
    );
    if (naive.derived !== semi.derived)
      throw new Error(`naive ${naive.derived} != semi-naive ${semi.derived}`);
    const fired = (s: EvaluationStats) =>
      `${(s.derivations / 1e6).toFixed(2)}M rule instances in ${s.rounds} rounds`;
    return {
      ...naive,
      note: `CPU time: semi-naive ${semi.cpu.toFixed(3)} s (${fired(semi.stats)}), naive ${naive.cpu.toFixed(3)} s (${fired(naive.stats)}): semi-naive ${(naive.cpu / semi.cpu).toFixed(1)}x faster`,
    };
  },
  'reference-vs-engine': () => {
    const program = { facts: randomGraph(150, 300, 9), rules: TC };
    const c0 = process.cpuUsage();
    const model = naiveModel(program);
    const c = process.cpuUsage(c0);
    const reference = (c.user + c.system) / 1e6;
    const fast = measure('tc, semi-naive engine', '150 nodes, 300 edges', program, (r) =>
      r.count('path'),
    );
    const n = model.get('path')!.size;
    if (n !== fast.derived) throw new Error(`reference ${n} != engine ${fast.derived}`);
    return {
      ...fast,
      name: 'tc, string reference vs engine',
      note: `CPU time: string-based reference evaluator of the tests (naive, no indexes) ${reference.toFixed(3)} s = ${(n / reference / 1000).toFixed(1)}k facts/s; engine ${(reference / fast.cpu).toFixed(0)}x faster (semi-naive and indexes together)`,
    };
  },
  'incremental-dense': () => incremental(400, 1000, 40),
  'incremental-sparse': () => incremental(quick ? 50_000 : 140_000, 100_000, 200),
};

/** Retracts then re-asserts random edges one at a time, against one full evaluation. */
function incremental(nodes: number, edges: number, updates: number): Result {
  const facts = randomGraph(nodes, edges, 42);
  const program = { facts, rules: TC };
  const full = measure(
    'tc, one-edge updates (DRed)',
    `${nodes} nodes, ${edges} edges`,
    program,
    (r) => r.count('path'),
  );
  const r = createReasoner(program);
  const pick = rng(5);
  let changed = 0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < updates; i++) {
    const e = facts[Math.floor(pick() * facts.length)]!;
    changed += r.retract(e).removed.length;
    changed += r.assert(e).added.length;
  }
  const c = process.cpuUsage(c0);
  const per = (c.user + c.system) / 1000 / (2 * updates);
  return {
    ...full,
    note: `CPU time: full evaluation ${(full.cpu * 1000).toFixed(0)} ms; one retract or assert ${per.toFixed(2)} ms on average over ${2 * updates} (${(changed / (2 * updates)).toFixed(0)} facts changed per update)`,
  };
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** Builds dist/ when its CLI is older than a source file, so `atelier` runs compiled JavaScript. */
function ensureBuilt(): void {
  const main = join(root, 'dist', 'cli', 'main.js');
  const builtAt = existsSync(main) ? statSync(main).mtimeMs : 0;
  const stale = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true }).some(
    (e) => e.isFile() && statSync(join(e.parentPath, e.name)).mtimeMs > builtAt,
  );
  if (!stale) return;
  console.log(
    'building dist/ (npm run build), so that atelier runs compiled, as after npm install',
  );
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('npm run build failed');
}

function runComparison(): void {
  ensureBuilt();
  const souffle = findSouffle();
  const reps = Number(flag('--reps') ?? (quick ? 1 : 3));
  const filter = flag('--only');
  console.log(
    `\n## Atelier${souffle ? ' vs Soufflé' : ''} (best wall time of ${reps}; peak RSS in MB)\n`,
  );
  if (souffle) {
    const v = spawnSync(souffle, ['--version'], { encoding: 'utf8' });
    console.log(
      `Soufflé: ${souffle} ${(v.stdout.match(/Version: (\S+)/) ?? [])[1] ?? ''}, interpreter, -j 1\n`,
    );
  } else console.log('(souffle not found on the PATH: set SOUFFLE=path/to/souffle to compare)\n');
  const work = mkdtempSync(join(tmpdir(), 'atelier-bench-reason-'));
  const rows: Comparison[] = [];
  try {
    comparisonCases(quick).forEach((p, i) => {
      if (filter !== undefined && !`${p.name} ${p.input}`.includes(filter)) return;
      const opts = { atelier: join(root, 'bin', 'atelier'), reps, ...(souffle ? { souffle } : {}) };
      rows.push(compare(p, join(work, String(i)), opts));
      process.stderr.write(`  done: ${p.name}, ${p.input}\n`);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(comparisonTable(rows, souffle !== undefined));
}

function runInternals(): void {
  const self = fileURLToPath(import.meta.url);
  console.log('\n## Engine internals (in process)\n');
  console.log(
    'case                            input                                     derived   wall (s)  facts/s   cpu (s) facts/cpu-s  peak RSS  heap',
  );
  for (const name of Object.keys(CASES)) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', self, '--case', name, ...(quick ? ['--quick'] : [])],
      { encoding: 'utf8' },
    );
    if (child.status !== 0) {
      console.log(`${name}: failed\n${child.stderr}`);
      continue;
    }
    const r = JSON.parse(child.stdout) as Result;
    console.log(
      `${r.name.padEnd(32)}${r.input.padEnd(42)}${String(r.derived).padStart(8)}${r.seconds.toFixed(3).padStart(11)}${`${(r.rateK / 1000).toFixed(2)}M`.padStart(9)}${r.cpu.toFixed(3).padStart(10)}${`${(r.derived / r.cpu / 1e6).toFixed(2)}M`.padStart(12)}${`${r.maxRssMB.toFixed(0)} MB`.padStart(12)}${`${r.heapMB.toFixed(0)} MB`.padStart(7)}`,
    );
    if (r.note) console.log(`  ${r.note}`);
  }
}

const only = process.argv.indexOf('--case');
if (only >= 0) {
  const name = process.argv[only + 1]!;
  process.stdout.write(JSON.stringify(CASES[name]!()));
} else {
  console.log(`# reasoner benchmark (node ${process.version}${quick ? ', --quick sizes' : ''})`);
  if (!process.argv.includes('--no-compare')) runComparison();
  runInternals();
}
