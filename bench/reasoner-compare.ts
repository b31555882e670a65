/**
 * The process-level half of `npm run bench:reasoner`: each case of reasoner-cases.ts
 * runs as `atelier reason` (compiled build) and, when `souffle` is on the PATH (or
 * SOUFFLE names it), as Soufflé's interpreter on one thread, each in its own process
 * under /usr/bin/time: wall and CPU seconds, peak RSS.
 *  - evaluation: Atelier answers a one-fact query, Soufflé prints the relations' sizes
 *    (`.printsize`): loading, evaluating and exiting, no output;
 *  - end to end: every derived fact printed to a file (Atelier: sorted text on stdout
 *    redirected to a file; Soufflé: `.output`, one CSV per relation).
 * Both print the same number of facts, or the case fails.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import type { BenchProgram } from './reasoner-cases.js';

export interface Run {
  wall: number;
  cpu: number;
  rssMB: number;
}

export interface Comparison {
  program: BenchProgram;
  derived: number;
  atelierEval: Run;
  atelierOut: Run;
  souffleEval?: Run;
  souffleOut?: Run;
}

/** `souffle` from SOUFFLE or the PATH, if any. */
export function findSouffle(): string | undefined {
  if (process.env.SOUFFLE) return process.env.SOUFFLE;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, 'souffle');
    if (dir !== '' && existsSync(p)) return p;
  }
  return undefined;
}

const GNU_TIME = '/usr/bin/time';

/** Runs a command once under GNU time (stdout to `out`, or discarded). */
function timed(cmd: string, args: string[], out: string, dir: string): Run {
  const tf = join(dir, 'time.txt');
  const haveTime = existsSync(GNU_TIME);
  const fd = openSync(out, 'w');
  const t0 = performance.now();
  const r = spawnSync(
    haveTime ? GNU_TIME : cmd,
    haveTime ? ['-f', '%e %U %S %M', '-o', tf, cmd, ...args] : args,
    { stdio: ['ignore', fd, 'pipe'], maxBuffer: 2 ** 26 },
  );
  const wall = (performance.now() - t0) / 1000;
  closeSync(fd);
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.status}): ${String(r.stderr).slice(0, 2000)}`,
    );
  if (!haveTime) return { wall, cpu: NaN, rssMB: NaN };
  const [e, u, s, m] = readFileSync(tf, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: e!, cpu: u! + s!, rssMB: m! / 1024 };
}

/** The run with the least wall time out of `reps`. */
function best(reps: number, run: () => Run): Run {
  let b: Run | undefined;
  for (let i = 0; i < reps; i++) {
    const r = run();
    if (b === undefined || r.wall < b.wall) b = r;
  }
  return b!;
}

const lines = (file: string) => {
  const text = readFileSync(file, 'utf8');
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

export function compare(
  program: BenchProgram,
  dir: string,
  options: { atelier: string; souffle?: string; reps: number },
): Comparison {
  mkdirSync(dir, { recursive: true });
  const dl = join(dir, 'program.dl');
  writeFileSync(dl, program.atelier);
  const node = process.execPath;
  const first = program.derived[0]!;
  const query = `${first}(0, 0)`;
  const atelierEval = best(options.reps, () =>
    timed(node, [options.atelier, 'reason', dl, '--query', query], join(dir, 'query.txt'), dir),
  );
  const printed = join(dir, 'atelier.txt');
  const atelierOut = best(options.reps, () =>
    timed(node, [options.atelier, 'reason', dl], printed, dir),
  );
  const derived = lines(printed);
  const result: Comparison = { program, derived, atelierEval, atelierOut };
  if (options.souffle === undefined) return result;
  const facts = join(dir, 'facts');
  const outDir = join(dir, 'souffle-out');
  mkdirSync(facts, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  for (const [rel, text] of Object.entries(program.facts))
    writeFileSync(join(facts, `${rel}.facts`), text);
  const inputs = Object.keys(program.facts).map((r) => `.input ${r}`);
  const write = (name: string, directive: string) => {
    const f = join(dir, name);
    writeFileSync(
      f,
      [program.souffle, ...inputs, ...program.derived.map((r) => `${directive} ${r}`), ''].join(
        '\n',
      ),
    );
    return f;
  };
  const evalDl = write('souffle-size.dl', '.printsize');
  const outDl = write('souffle-out.dl', '.output');
  const souffle = options.souffle;
  result.souffleEval = best(options.reps, () =>
    timed(souffle, ['-j', '1', '-F', facts, evalDl], join(dir, 'souffle-size.txt'), dir),
  );
  result.souffleOut = best(options.reps, () =>
    timed(souffle, ['-j', '1', '-F', facts, '-D', outDir, outDl], join(dir, 'souffle.txt'), dir),
  );
  const sizes = readFileSync(join(dir, 'souffle-size.txt'), 'utf8')
    .trim()
    .split('\n')
    .reduce((n, line) => n + Number(line.split('\t')[1]), 0);
  const written = readdirSync(outDir).reduce((n, f) => n + lines(join(outDir, f)), 0);
  if (sizes !== derived || written !== derived)
    throw new Error(
      `${program.name}: Atelier printed ${derived} facts, Soufflé ${sizes} / ${written}`,
    );
  return result;
}

const s = (r: Run | undefined) =>
  r === undefined ? '' : `${r.wall.toFixed(2)} s (${r.cpu.toFixed(2)})`;
const mb = (r: Run | undefined) => (r === undefined ? '' : `${r.rssMB.toFixed(0)}`);
const ratio = (a: Run, b: Run | undefined) =>
  b === undefined ? '' : `**${(a.wall / b.wall).toFixed(2)}x** (${(a.cpu / b.cpu).toFixed(2)}x)`;

/**
 * The comparison as a Markdown table: wall seconds of the fastest run (its CPU seconds,
 * user + system, in parentheses); ratios Atelier / Soufflé, wall (CPU).
 */
export function comparisonTable(rows: Comparison[], souffle: boolean): string {
  const head = souffle
    ? [
        '| case | input | derived | eval Atelier | eval Soufflé | ratio | end to end Atelier | end to end Soufflé | ratio | peak RSS MB Atelier / Soufflé (eval; end to end) |',
        '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ]
    : [
        '| case | input | derived | eval Atelier | end to end Atelier | peak RSS MB (eval; end to end) |',
        '|---|---|---:|---:|---:|---:|',
      ];
  const body = rows.map((r) => {
    const n = r.derived.toLocaleString('en');
    if (!souffle)
      return `| ${r.program.name} | ${r.program.input} | ${n} | ${s(r.atelierEval)} | ${s(r.atelierOut)} | ${mb(r.atelierEval)}; ${mb(r.atelierOut)} |`;
    return `| ${r.program.name} | ${r.program.input} | ${n} | ${s(r.atelierEval)} | ${s(r.souffleEval)} | ${ratio(r.atelierEval, r.souffleEval)} | ${s(r.atelierOut)} | ${s(r.souffleOut)} | ${ratio(r.atelierOut, r.souffleOut)} | ${mb(r.atelierEval)} / ${mb(r.souffleEval)}; ${mb(r.atelierOut)} / ${mb(r.souffleOut)} |`;
  });
  return [...head, ...body].join('\n');
}
