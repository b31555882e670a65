/**
 * `npm run bench:learn [-- --time-limit S] [--domains a,b] [--data DIR]`: SAM learning on
 * the AMLGym benchmark (../shared/bench/aml: 13 domains, each with its true domain, 10
 * learning trajectories with their problems and 10 solving problems). For 1, 2, 5 and 10
 * trajectories: syntactic precision and recall of preconditions and effects against the
 * true domain (per lifted action, as AMLGym counts), the share of solving problems for
 * which the planner with the learned model returns a plan the validator accepts under
 * the TRUE domain, false plans (returned but invalid under the true domain: SAM's
 * guarantee says 0), and the learning time. Writes bench/results/learn.csv.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDomainFile, parseProblem } from '../src/pddl/index.js';
import type { Domain, Problem } from '../src/pddl/index.js';
import { plan } from '../src/planner/index.js';
import { validate } from '../src/planner/validator/index.js';
import {
  learnFromTrajectories,
  observableEffects,
  parseTrajectory,
  syntacticScores,
  vocabularyOf,
} from '../src/learn/index.js';
import type { Trajectory } from '../src/learn/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const limitS = Number(flag('--time-limit') ?? 5);
const only = flag('--domains')?.split(',');
const COUNTS = [1, 2, 5, 10];

// ../shared next to the repository; a worktree under wt/ sits one level deeper.
const given = flag('--data');
const candidates =
  given !== undefined
    ? [given]
    : [join(root, '../shared/bench/aml'), join(root, '../../shared/bench/aml')];
const data = candidates.find((d) => existsSync(d));
if (data === undefined) {
  console.error(
    `bench:learn: the AMLGym data is absent (looked in ${candidates.join(', ')}); pass --data DIR`,
  );
  process.exit(2);
}

interface Row {
  domain: string;
  trajectories: number;
  prePrecision: number;
  preRecall: number;
  effPrecision: number;
  effRecall: number;
  /** Effects recall against the effects a learner from states can see (observableEffects). */
  observableRecall: number;
  /** Actions whose model needs a case split on equal arguments. */
  caseSplits: number;
  solved: number;
  falsePlans: number;
  problems: number;
  learnMs: number;
  unobserved: number;
  ambiguous: number;
}

function loadDomain(dir: string, name: string) {
  const truth = loadDomainFile(join(dir, 'domain.pddl'));
  const vocabulary = vocabularyOf(truth);
  const files = (sub: string, suffix: string) =>
    readdirSync(join(dir, sub))
      .filter((f) => f.endsWith(suffix))
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const trajectories: Trajectory[] = files('learning', '_traj').map((f) => {
    const path = join(dir, 'learning', f);
    const problem = parseProblem(
      readFileSync(path.replace(/_traj$/, '_prob.pddl'), 'utf8'),
      vocabulary,
    );
    return parseTrajectory(
      readFileSync(path, 'utf8'),
      vocabulary,
      `${name}/learning/${f}`,
      problem.objects,
    );
  });
  const problems = files('solving', '.pddl').map((f) => {
    const path = join(dir, 'solving', f);
    return parseProblem(readFileSync(path, 'utf8'), truth, path);
  });
  return { truth, vocabulary, trajectories, problems };
}

async function solve(learned: Domain, truth: Domain, problems: Problem[]) {
  let solved = 0;
  let falsePlans = 0;
  for (const p of problems) {
    const r = await plan(learned, p, { timeLimitMs: limitS * 1000 });
    if (r.status !== 'solved') continue;
    if (validate(truth, p, r.plan).valid) solved++;
    else falsePlans++;
  }
  return { solved, falsePlans };
}

async function benchDomain(name: string): Promise<Row[]> {
  const d = loadDomain(join(data!, name), name);
  const rows: Row[] = [];
  for (const n of COUNTS) {
    const t0 = performance.now();
    const result = learnFromTrajectories(d.vocabulary, d.trajectories.slice(0, n));
    const learnMs = performance.now() - t0;
    const s = syntacticScores(result.actions, d.truth);
    const seen = syntacticScores(result.actions, observableEffects(d.truth));
    const { solved, falsePlans } = await solve(result.domain, d.truth, d.problems);
    rows.push({
      domain: name,
      trajectories: n,
      prePrecision: s.precondition.precision,
      preRecall: s.precondition.recall,
      effPrecision: s.effect.precision,
      effRecall: s.effect.recall,
      observableRecall: seen.effect.recall,
      caseSplits: result.actions.filter((a) => a.guards.length > 0).length,
      solved,
      falsePlans,
      problems: d.problems.length,
      learnMs,
      unobserved: result.actions.filter((a) => a.status === 'unobserved').length,
      ambiguous: result.actions.filter((a) => a.status === 'ambiguous').length,
    });
    const r = rows[rows.length - 1]!;
    console.log(
      `${name.padEnd(12)} ${String(n).padStart(2)}  pre P ${r.prePrecision.toFixed(2)} R ${r.preRecall.toFixed(2)}  eff P ${r.effPrecision.toFixed(2)} R ${r.effRecall.toFixed(2)} (${r.observableRecall.toFixed(2)})  solved ${solved}/${r.problems}  false ${falsePlans}  learn ${learnMs.toFixed(0)} ms${r.unobserved + r.ambiguous > 0 ? `  (${r.unobserved} unobserved, ${r.ambiguous} ambiguous)` : ''}`,
    );
  }
  return rows;
}

const domains = readdirSync(data)
  .filter((d) => existsSync(join(data, d, 'domain.pddl')))
  .filter((d) => only === undefined || only.includes(d))
  .sort();
console.log(
  `bench:learn on ${data}: ${domains.length} domains, planner limit ${limitS} s per problem`,
);
const t0 = performance.now();
const rows: Row[] = [];
for (const d of domains) rows.push(...(await benchDomain(d)));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const f2 = (x: number) => x.toFixed(2);
const pct = (a: number, b: number) => `${a}/${b} (${((100 * a) / Math.max(1, b)).toFixed(0)} %)`;

/** Means over `rs` (one row per domain), as a Markdown row after `label`. */
function summaryRow(label: string, rs: Row[]): string {
  const solved = rs.reduce((a, r) => a + r.solved, 0);
  const total = rs.reduce((a, r) => a + r.problems, 0);
  const cells = [
    label,
    f2(mean(rs.map((r) => r.prePrecision))),
    f2(mean(rs.map((r) => r.preRecall))),
    f2(mean(rs.map((r) => r.effPrecision))),
    f2(mean(rs.map((r) => r.effRecall))),
    f2(mean(rs.map((r) => r.observableRecall))),
    pct(solved, total),
    String(rs.reduce((a, r) => a + r.falsePlans, 0)),
    `${mean(rs.map((r) => r.learnMs)).toFixed(0)} ms`,
  ];
  return `| ${cells.join(' | ')} |`;
}

const HEAD =
  '| pre P | pre R | eff P | eff R | eff R (observable) | solved | false plans | learning |';
console.log(`\n| trajectories ${HEAD}\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const n of COUNTS)
  console.log(
    summaryRow(
      String(n),
      rows.filter((r) => r.trajectories === n),
    ),
  );
console.log(
  `\nWith 10 trajectories:\n\n| domain ${HEAD}\n|---|---:|---:|---:|---:|---:|---:|---:|---:|`,
);
for (const r of rows.filter((x) => x.trajectories === 10)) console.log(summaryRow(r.domain, [r]));
console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(0)} s`);
mkdirSync(join(root, 'bench/results'), { recursive: true });
const header = Object.keys(rows[0] ?? {}).join(',');
writeFileSync(
  join(root, 'bench/results/learn.csv'),
  `${header}\n${rows.map((r) => Object.values(r).join(',')).join('\n')}\n`,
);
const falsePlans = rows.reduce((a, r) => a + r.falsePlans, 0);
if (falsePlans > 0) {
  console.error(`bench:learn: ${falsePlans} false plans: the learned models are not safe`);
  process.exitCode = 1;
}
